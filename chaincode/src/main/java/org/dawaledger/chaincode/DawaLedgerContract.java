package org.dawaledger.chaincode;

import java.util.function.Function;
import org.dawaledger.chaincode.alert.Alerts;
import org.dawaledger.chaincode.custody.Custody;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Json;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerRefusal;
import org.dawaledger.chaincode.pack.Lifecycle;
import org.dawaledger.chaincode.pack.PackHistory;
import org.dawaledger.chaincode.pack.Packs;
import org.dawaledger.chaincode.pack.SuspectPacks;
import org.dawaledger.chaincode.pack.Verification;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.product.Batches;
import org.dawaledger.chaincode.product.Prices;
import org.dawaledger.chaincode.product.Products;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * DawaLedger's transactions. Each one checks its caller and arguments, applies one rule from the package its name
 * suggests ({@code participant}, {@code product}, {@code pack}, {@code custody}, {@code alert}) and answers with
 * deterministic JSON. A refused call throws a {@link ChaincodeException} whose message starts with
 * {@code [ERROR_CODE]} and changes nothing. {@code docs/rules.md} lists every transaction.
 */
@Contract(name = "dawaledger", info = @Info(title = "DawaLedger", version = "0.1.0",
        description = "Medicine verification and traceability",
        license = @License(name = "Apache-2.0"), contact = @Contact(name = "DawaLedger")))
@Default
public final class DawaLedgerContract implements ContractInterface {
    /**
     * The environment variable that pins the regulator's MSP in each organisation's chaincode service. Every deployment
     * sets it: InitLedger then cannot be taken over by another organisation that gets in first, because the endorsing
     * peers of the others refuse any other MSP. Without it, InitLedger refuses to run.
     */
    public static final String REGULATOR_MSP_VARIABLE = Participants.REGULATOR_MSP_VARIABLE;

    /**
     * The same pin for the contract run in-process (the gateway's embedded ledger), where no environment is set for
     * it: {@link ChaincodeService#inProcess(String)} sets it. The environment variable, where set, wins.
     */
    public static final String REGULATOR_MSP_PROPERTY = "org.dawaledger.chaincode.regulator-msp";

    private final String pinnedRegulatorMsp;

    /**
     * The contract as the shim creates it: the regulator's MSP pinned by {@value #REGULATOR_MSP_VARIABLE}, or
     * in-process by {@value #REGULATOR_MSP_PROPERTY}.
     */
    public DawaLedgerContract() {
        this(System.getenv(REGULATOR_MSP_VARIABLE) != null ? System.getenv(REGULATOR_MSP_VARIABLE)
                : System.getProperty(REGULATOR_MSP_PROPERTY));
    }

    /**
     * @param pinnedRegulatorMsp the only MSP InitLedger accepts as the regulator's; null or empty refuses InitLedger
     */
    DawaLedgerContract(final String pinnedRegulatorMsp) {
        this.pinnedRegulatorMsp = pinnedRegulatorMsp == null || pinnedRegulatorMsp.isBlank() ? null
                : pinnedRegulatorMsp.strip();
    }

    // Participants and licences

    @Transaction(name = "InitLedger", intent = Transaction.TYPE.SUBMIT)
    public String initLedger(final Context ctx, final String regulatorMspId, final String gln,
            final String legalName, final String licenceNumber) {
        return answer(ctx, ledger -> Participants.initLedger(ledger, pinnedRegulatorMsp, regulatorMspId, gln,
                legalName, licenceNumber));
    }

    @Transaction(name = "RegisterParticipant", intent = Transaction.TYPE.SUBMIT)
    public String registerParticipant(final Context ctx, final String gln, final String role, final String legalName,
            final String licenceNumber, final String companyPrefixes, final String mspId,
            final String certificatePem) {
        return answer(ctx, ledger -> Participants.register(ledger, gln, role, legalName, licenceNumber,
                companyPrefixes, mspId, certificatePem));
    }

    @Transaction(name = "SetCompanyPrefixes", intent = Transaction.TYPE.SUBMIT)
    public String setCompanyPrefixes(final Context ctx, final String gln, final String companyPrefixes,
            final String reason) {
        return answer(ctx, ledger -> Participants.setCompanyPrefixes(ledger, gln, companyPrefixes, reason));
    }

    @Transaction(name = "SetParticipantStatus", intent = Transaction.TYPE.SUBMIT)
    public String setParticipantStatus(final Context ctx, final String gln, final String status,
            final String reason) {
        return answer(ctx, ledger -> Participants.setStatus(ledger, gln, status, reason));
    }

    @Transaction(name = "GetParticipant", intent = Transaction.TYPE.EVALUATE)
    public String getParticipant(final Context ctx, final String gln) {
        return answer(ctx, ledger -> Participants.get(ledger, gln));
    }

    @Transaction(name = "WhoAmI", intent = Transaction.TYPE.EVALUATE)
    public String whoAmI(final Context ctx) {
        return answer(ctx, Participants::whoAmI);
    }

    /** Every participant, in GLN order; for the regulator. See {@link Participants#list}. */
    @Transaction(name = "ListParticipants", intent = Transaction.TYPE.EVALUATE)
    public String listParticipants(final Context ctx, final String pageSize, final String bookmark) {
        return answer(ctx, ledger -> Participants.list(ledger, pageSize, bookmark));
    }

    // Products and batches

    @Transaction(name = "RegisterProduct", intent = Transaction.TYPE.SUBMIT)
    public String registerProduct(final Context ctx, final String gtin, final String name, final String strength,
            final String dosageForm, final String registrationNumber, final String foreignManufacturer) {
        return answer(ctx, ledger -> Products.register(ledger, gtin, name, strength, dosageForm,
                registrationNumber, foreignManufacturer));
    }

    @Transaction(name = "ApproveProduct", intent = Transaction.TYPE.SUBMIT)
    public String approveProduct(final Context ctx, final String gtin, final String reason) {
        return answer(ctx, ledger -> Products.approve(ledger, gtin, reason));
    }

    @Transaction(name = "RejectProduct", intent = Transaction.TYPE.SUBMIT)
    public String rejectProduct(final Context ctx, final String gtin, final String reason) {
        return answer(ctx, ledger -> Products.reject(ledger, gtin, reason));
    }

    @Transaction(name = "ListPendingProducts", intent = Transaction.TYPE.EVALUATE)
    public String listPendingProducts(final Context ctx, final String pageSize, final String bookmark) {
        return answer(ctx, ledger -> Products.listPending(ledger, pageSize, bookmark));
    }

    @Transaction(name = "WithdrawProduct", intent = Transaction.TYPE.SUBMIT)
    public String withdrawProduct(final Context ctx, final String gtin, final String reason) {
        return answer(ctx, ledger -> Products.withdraw(ledger, gtin, reason));
    }

    @Transaction(name = "SetRegulatedPrice", intent = Transaction.TYPE.SUBMIT)
    public String setRegulatedPrice(final Context ctx, final String gtin, final String paisa,
            final String effectiveFrom, final String reference) {
        return answer(ctx, ledger -> Prices.set(ledger, gtin, paisa, effectiveFrom, reference));
    }

    @Transaction(name = "GetProduct", intent = Transaction.TYPE.EVALUATE)
    public String getProduct(final Context ctx, final String gtin) {
        return answer(ctx, ledger -> Products.get(ledger, gtin));
    }

    /** Every product, in GTIN order; for the regulator. See {@link Products#list}. */
    @Transaction(name = "ListProducts", intent = Transaction.TYPE.EVALUATE)
    public String listProducts(final Context ctx, final String pageSize, final String bookmark) {
        return answer(ctx, ledger -> Products.list(ledger, pageSize, bookmark));
    }

    /** A manufacturer's or importer's products, in GTIN order. See {@link Products#listByOwner}. */
    @Transaction(name = "ListProductsByOwner", intent = Transaction.TYPE.EVALUATE)
    public String listProductsByOwner(final Context ctx, final String ownerGln, final String pageSize,
            final String bookmark) {
        return answer(ctx, ledger -> Products.listByOwner(ledger, ownerGln, pageSize, bookmark));
    }

    @Transaction(name = "RegisterBatch", intent = Transaction.TYPE.SUBMIT)
    public String registerBatch(final Context ctx, final String gtin, final String lot, final String expiry,
            final String quantity) {
        return answer(ctx, ledger -> Batches.register(ledger, gtin, lot, expiry, quantity));
    }

    @Transaction(name = "DeclareImport", intent = Transaction.TYPE.SUBMIT)
    public String declareImport(final Context ctx, final String gtin, final String lot, final String expiry,
            final String quantity, final String permitNumber, final String portOfEntry,
            final String foreignManufacturer) {
        return answer(ctx, ledger -> Batches.declareImport(ledger, gtin, lot, expiry, quantity, permitNumber,
                portOfEntry, foreignManufacturer));
    }

    @Transaction(name = "ClearImport", intent = Transaction.TYPE.SUBMIT)
    public String clearImport(final Context ctx, final String gtin, final String lot, final String decision,
            final String reason) {
        return answer(ctx, ledger -> Batches.clearImport(ledger, gtin, lot, decision, reason));
    }

    @Transaction(name = "QuarantineBatch", intent = Transaction.TYPE.SUBMIT)
    public String quarantineBatch(final Context ctx, final String gtin, final String lot, final String reason) {
        return answer(ctx, ledger -> Batches.quarantine(ledger, gtin, lot, reason));
    }

    @Transaction(name = "ReleaseBatch", intent = Transaction.TYPE.SUBMIT)
    public String releaseBatch(final Context ctx, final String gtin, final String lot, final String reason) {
        return answer(ctx, ledger -> Batches.release(ledger, gtin, lot, reason));
    }

    @Transaction(name = "RecallBatch", intent = Transaction.TYPE.SUBMIT)
    public String recallBatch(final Context ctx, final String gtin, final String lot, final String reason) {
        return answer(ctx, ledger -> Batches.recall(ledger, gtin, lot, reason));
    }

    @Transaction(name = "GetBatch", intent = Transaction.TYPE.EVALUATE)
    public String getBatch(final Context ctx, final String gtin, final String lot) {
        return answer(ctx, ledger -> Batches.get(ledger, gtin, lot));
    }

    @Transaction(name = "CommissionPacks", intent = Transaction.TYPE.SUBMIT)
    public String commissionPacks(final Context ctx, final String gtin, final String lot, final String serials) {
        return answer(ctx, ledger -> Packs.commission(ledger, gtin, lot, serials));
    }

    // Custody

    @Transaction(name = "ShipPacks", intent = Transaction.TYPE.SUBMIT)
    public String shipPacks(final Context ctx, final String receiverGln, final String contents) {
        return answer(ctx, ledger -> Custody.ship(ledger, receiverGln, contents));
    }

    @Transaction(name = "ReceiveShipment", intent = Transaction.TYPE.SUBMIT)
    public String receiveShipment(final Context ctx, final String shipmentId) {
        return answer(ctx, ledger -> Custody.receive(ledger, shipmentId));
    }

    @Transaction(name = "RejectShipment", intent = Transaction.TYPE.SUBMIT)
    public String rejectShipment(final Context ctx, final String shipmentId, final String reason) {
        return answer(ctx, ledger -> Custody.reject(ledger, shipmentId, reason));
    }

    @Transaction(name = "CancelShipment", intent = Transaction.TYPE.SUBMIT)
    public String cancelShipment(final Context ctx, final String shipmentId, final String reason) {
        return answer(ctx, ledger -> Custody.cancel(ledger, shipmentId, reason));
    }

    @Transaction(name = "TransferCustody", intent = Transaction.TYPE.SUBMIT)
    public String transferCustody(final Context ctx, final String holderGln, final String receiverGln,
            final String contents, final String reason) {
        return answer(ctx, ledger -> Custody.transfer(ledger, holderGln, receiverGln, contents, reason));
    }

    @Transaction(name = "GetStockHolding", intent = Transaction.TYPE.EVALUATE)
    public String getStockHolding(final Context ctx, final String gtin, final String lot, final String holderGln) {
        return answer(ctx, ledger -> Custody.holding(ledger, gtin, lot, holderGln));
    }

    @Transaction(name = "GetShipment", intent = Transaction.TYPE.EVALUATE)
    public String getShipment(final Context ctx, final String shipmentId) {
        return answer(ctx, ledger -> Custody.get(ledger, shipmentId));
    }

    @Transaction(name = "ListShipmentsByReceiver", intent = Transaction.TYPE.EVALUATE)
    public String listShipmentsByReceiver(final Context ctx, final String receiverGln, final String status,
            final String pageSize, final String bookmark) {
        return answer(ctx, ledger -> Custody.listByReceiver(ledger, receiverGln, status, pageSize, bookmark));
    }

    // Pack lifecycle

    @Transaction(name = "VerifyPack", intent = Transaction.TYPE.EVALUATE)
    public String verifyPack(final Context ctx, final String gtin, final String serial, final String lot,
            final String expiry) {
        return answer(ctx, ledger -> Verification.verify(ledger, gtin, serial, lot, expiry));
    }

    @Transaction(name = "DispensePacks", intent = Transaction.TYPE.SUBMIT)
    public String dispensePacks(final Context ctx, final String packs) {
        return answer(ctx, ledger -> Lifecycle.dispense(ledger, packs));
    }

    @Transaction(name = "DecommissionPacks", intent = Transaction.TYPE.SUBMIT)
    public String decommissionPacks(final Context ctx, final String packs, final String reason) {
        return answer(ctx, ledger -> Lifecycle.decommission(ledger, packs, reason));
    }

    @Transaction(name = "UndoDecommission", intent = Transaction.TYPE.SUBMIT)
    public String undoDecommission(final Context ctx, final String gtin, final String serial) {
        return answer(ctx, ledger -> Lifecycle.undo(ledger, gtin, serial));
    }

    /** The packs a party dispensed on a UTC day, in the order dispensed. See {@link Lifecycle#listDispensed}. */
    @Transaction(name = "ListDispensedPacks", intent = Transaction.TYPE.EVALUATE)
    public String listDispensedPacks(final Context ctx, final String dispenserGln, final String date,
            final String pageSize, final String bookmark) {
        return answer(ctx, ledger -> Lifecycle.listDispensed(ledger, dispenserGln, date, pageSize, bookmark));
    }

    // Alerts and audit

    @Transaction(name = "ReportSuspectPack", intent = Transaction.TYPE.SUBMIT)
    public String reportSuspectPack(final Context ctx, final String gtin, final String serial, final String lot,
            final String expiry, final String description) {
        return answer(ctx, ledger -> SuspectPacks.report(ledger, gtin, serial, lot, expiry, description));
    }

    @Transaction(name = "LockPacks", intent = Transaction.TYPE.SUBMIT)
    public String lockPacks(final Context ctx, final String packs, final String reason) {
        return answer(ctx, ledger -> SuspectPacks.lock(ledger, packs, reason));
    }

    @Transaction(name = "ReleaseLockedPacks", intent = Transaction.TYPE.SUBMIT)
    public String releaseLockedPacks(final Context ctx, final String packs, final String reason) {
        return answer(ctx, ledger -> SuspectPacks.release(ledger, packs, reason));
    }

    @Transaction(name = "DestroyLockedPacks", intent = Transaction.TYPE.SUBMIT)
    public String destroyLockedPacks(final Context ctx, final String packs, final String reason) {
        return answer(ctx, ledger -> SuspectPacks.destroy(ledger, packs, reason));
    }

    @Transaction(name = "ResolveAlert", intent = Transaction.TYPE.SUBMIT)
    public String resolveAlert(final Context ctx, final String alertId, final String finding, final String note) {
        return answer(ctx, ledger -> Alerts.resolve(ledger, alertId, finding, note));
    }

    @Transaction(name = "GetAlert", intent = Transaction.TYPE.EVALUATE)
    public String getAlert(final Context ctx, final String alertId) {
        return answer(ctx, ledger -> Alerts.get(ledger, alertId));
    }

    @Transaction(name = "ListAlerts", intent = Transaction.TYPE.EVALUATE)
    public String listAlerts(final Context ctx, final String status, final String pageSize, final String bookmark) {
        return answer(ctx, ledger -> Alerts.list(ledger, status, pageSize, bookmark));
    }

    /** The alerts a party raised, newest first. See {@link Alerts#listByRaiser}. */
    @Transaction(name = "ListAlertsByRaiser", intent = Transaction.TYPE.EVALUATE)
    public String listAlertsByRaiser(final Context ctx, final String raiserGln, final String pageSize,
            final String bookmark) {
        return answer(ctx, ledger -> Alerts.listByRaiser(ledger, raiserGln, pageSize, bookmark));
    }

    @Transaction(name = "GetPackHistory", intent = Transaction.TYPE.EVALUATE)
    public String getPackHistory(final Context ctx, final String gtin, final String serial, final String pageSize,
            final String bookmark) {
        return answer(ctx, ledger -> PackHistory.get(ledger, gtin, serial, pageSize, bookmark));
    }

    @Transaction(name = "ListPendingImports", intent = Transaction.TYPE.EVALUATE)
    public String listPendingImports(final Context ctx, final String pageSize, final String bookmark) {
        return answer(ctx, ledger -> Batches.listPendingImports(ledger, pageSize, bookmark));
    }

    @Transaction(name = "ListImportsByImporter", intent = Transaction.TYPE.EVALUATE)
    public String listImportsByImporter(final Context ctx, final String importerGln, final String pageSize,
            final String bookmark) {
        return answer(ctx, ledger -> Batches.listImportsByImporter(ledger, importerGln, pageSize, bookmark));
    }

    @Transaction(name = "ListBatchesByProduct", intent = Transaction.TYPE.EVALUATE)
    public String listBatchesByProduct(final Context ctx, final String gtin, final String pageSize,
            final String bookmark) {
        return answer(ctx, ledger -> Batches.listByProduct(ledger, gtin, pageSize, bookmark));
    }

    /**
     * Runs a rule and writes its answer as JSON. Only the ledger's own refusals leave a transaction as they are:
     * anything else, the shim's {@code ContractRuntimeException} (a {@link ChaincodeException} too) included, would
     * reach clients without a code, so it becomes {@code INTERNAL_ERROR} with its type, message and causes.
     */
    private static String answer(final Context ctx, final Function<Ledger, Object> rule) {
        try {
            final Ledger ledger = new Ledger(ctx);
            final Object answer = rule.apply(ledger);
            ledger.flush();
            return Json.write(answer);
        } catch (LedgerRefusal e) {
            throw e;
        } catch (RuntimeException e) {
            throw ErrorCode.INTERNAL_ERROR.exception("%s", describe(e));
        }
    }

    private static String describe(final Throwable fault) {
        final StringBuilder text = new StringBuilder();
        for (Throwable cause = fault; cause != null && text.length() < 2_000; cause = cause.getCause()) {
            text.append(text.length() == 0 ? "" : "; caused by ").append(cause.getClass().getSimpleName())
                    .append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
