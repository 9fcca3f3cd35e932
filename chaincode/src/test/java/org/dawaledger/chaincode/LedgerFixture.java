package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.InMemoryLedger;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.dawaledger.gs1.Gtin;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * A licensed network on an in-memory ledger, for the contract's tests: the regulator, one party of every role, a
 * second pharmacy and an identity nobody registered. Calls go through {@link DawaLedgerContract} exactly as the
 * shim would route them, one transaction each.
 */
final class LedgerFixture {
    static final String REGULATOR_MSP = "RegulatorMSP";
    static final String MANUFACTURER_MSP = "ManufacturerMSP";
    static final String IMPORTER_MSP = "ImporterMSP";
    static final String DISTRIBUTOR_MSP = "DistributorMSP";
    static final String PHARMACY_MSP = "PharmacyMSP";

    static final String REGULATOR_GLN = gln("950000000001");
    static final String MANUFACTURER_GLN = gln("950000000002");
    static final String IMPORTER_GLN = gln("950000000003");
    static final String DISTRIBUTOR_GLN = gln("950000000004");
    static final String PHARMACY_GLN = gln("950000000005");
    static final String PHARMACY2_GLN = gln("950000000006");
    static final String MANUFACTURER2_GLN = gln("950000000007");
    /** A second regulator's GLN, licensed only by {@link #regulatorWhoIs}. */
    static final String REGULATOR2_GLN = gln("950000000008");

    /** The GS1 company prefix the manufacturer's licence records. */
    static final String MANUFACTURER_PREFIX = "9506000";
    /** The second manufacturer's prefix. */
    static final String MANUFACTURER2_PREFIX = "9506001";
    /** A domestic product of the manufacturer, numbered under its prefix. */
    static final String GTIN = gtin("0950600013435");
    /** A product the importer brings in: its foreign maker's GTIN, under a prefix no licence here holds. */
    static final String IMPORTED_GTIN = gtin("0401234599999");
    /** The foreign maker the importer names for its products. */
    static final String FOREIGN_MANUFACTURER = "Foreign Pharma GmbH";
    /** Far enough ahead of the ledger clock (2026-01-15) to stay valid in every test. */
    static final String EXPIRY = "280600";
    static final String EXPIRY_ISO = "2028-06-30";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final InMemoryLedger ledger = new InMemoryLedger();
    /** Pinned to the regulator's MSP, as every deployment should be. */
    final DawaLedgerContract contract = new DawaLedgerContract(REGULATOR_MSP);

    final TestIdentity regulator = TestIdentity.of(REGULATOR_MSP, "Admin");
    /** An inspector of the regulator's organisation, licensed only by {@link #regulatorWhoIs}. */
    final TestIdentity regulator2 = TestIdentity.of(REGULATOR_MSP, "Inspector");
    final TestIdentity manufacturer = TestIdentity.of(MANUFACTURER_MSP, "User1");
    /** A second manufacturer, to try acting on the first one's products. */
    final TestIdentity manufacturer2 = TestIdentity.of(MANUFACTURER_MSP, "User2");
    final TestIdentity importer = TestIdentity.of(IMPORTER_MSP, "User1");
    final TestIdentity distributor = TestIdentity.of(DISTRIBUTOR_MSP, "User1");
    final TestIdentity pharmacy = TestIdentity.of(PHARMACY_MSP, "User1");
    final TestIdentity pharmacy2 = TestIdentity.of(PHARMACY_MSP, "User2");
    /** A valid certificate of a known MSP that no one registered. */
    final TestIdentity outsider = TestIdentity.of(PHARMACY_MSP, "Stranger");

    /** The fixture's party of a role: MANUFACTURER, IMPORTER, DISTRIBUTOR, PHARMACY or REGULATOR. */
    TestIdentity party(final String role) {
        return switch (role) {
            case "MANUFACTURER" -> manufacturer;
            case "IMPORTER" -> importer;
            case "DISTRIBUTOR" -> distributor;
            case "PHARMACY" -> pharmacy;
            case "REGULATOR" -> regulator;
            default -> throw new IllegalArgumentException(role);
        };
    }

    /** Licenses a second regulator, {@link #REGULATOR2_GLN}, and gives it the status (ACTIVE, SUSPENDED, REVOKED). */
    TestIdentity regulatorWhoIs(final String status) {
        register(regulator2, REGULATOR2_GLN, "REGULATOR");
        if (!status.equals("ACTIVE")) {
            call(regulator, ctx -> contract.setParticipantStatus(ctx, REGULATOR2_GLN, status, "licence audit"));
        }
        return regulator2;
    }

    /** A fixture whose ledger is initialised and every party licensed. */
    static LedgerFixture licensed() {
        final LedgerFixture fixture = new LedgerFixture();
        fixture.call(fixture.regulator, ctx -> fixture.contract.initLedger(ctx, REGULATOR_MSP, REGULATOR_GLN,
                "Drug Regulatory Authority", "DRAP-001"));
        fixture.register(fixture.manufacturer, MANUFACTURER_GLN, "MANUFACTURER");
        fixture.register(fixture.manufacturer2, MANUFACTURER2_GLN, "MANUFACTURER");
        fixture.register(fixture.importer, IMPORTER_GLN, "IMPORTER");
        fixture.register(fixture.distributor, DISTRIBUTOR_GLN, "DISTRIBUTOR");
        fixture.register(fixture.pharmacy, PHARMACY_GLN, "PHARMACY");
        fixture.register(fixture.pharmacy2, PHARMACY2_GLN, "PHARMACY");
        return fixture;
    }

    /**
     * A licensed fixture with the manufacturer's product {@link #GTIN}, a released batch {@code LOT1} of 100 units
     * and serials S0001…S0010 commissioned in it.
     */
    static LedgerFixture withCommissionedPacks() {
        final LedgerFixture fixture = licensed();
        fixture.registerProduct(fixture.manufacturer, GTIN);
        fixture.registerBatch(GTIN, "LOT1", EXPIRY, 100);
        fixture.commission(GTIN, "LOT1", serials("S", 1, 10));
        return fixture;
    }

    /**
     * A licensed fixture with the importer's product {@link #IMPORTED_GTIN} and two imports of 50 units waiting for
     * clearance: {@code IMP1}, serialised with the one pack {@code I1}, and {@code IMP2}, without serials.
     */
    static LedgerFixture withPendingImports() {
        final LedgerFixture fixture = licensed();
        fixture.registerProduct(fixture.importer, IMPORTED_GTIN);
        fixture.declareImport(IMPORTED_GTIN, "IMP1", 50);
        fixture.declareImport(IMPORTED_GTIN, "IMP2", 50);
        fixture.call(fixture.importer, ctx -> fixture.contract.commissionPacks(ctx, IMPORTED_GTIN, "IMP1",
                json(List.of("I1"))));
        return fixture;
    }

    /** Licenses a party; a manufacturer gets the prefix of {@link #prefixOf}. */
    JsonNode register(final TestIdentity who, final String gln, final String role) {
        final String prefixes = role.equals("MANUFACTURER") ? json(List.of(prefixOf(gln))) : "";
        return call(regulator, ctx -> contract.registerParticipant(ctx, gln, role, "Party " + gln, "LIC-" + gln,
                prefixes, who.mspId(), who.certificatePem()));
    }

    /** The company prefix a manufacturer of this fixture is licensed with. */
    static String prefixOf(final String manufacturerGln) {
        return manufacturerGln.equals(MANUFACTURER2_GLN) ? MANUFACTURER2_PREFIX : MANUFACTURER_PREFIX;
    }

    /** Registers a product of the owner and has the regulator approve it. */
    JsonNode registerProduct(final TestIdentity owner, final String gtin) {
        registerPendingProduct(owner, gtin);
        return call(regulator, ctx -> contract.approveProduct(ctx, gtin, "Dossier reviewed"));
    }

    /** Registers a product of the owner, which waits for the regulator's approval. */
    JsonNode registerPendingProduct(final TestIdentity owner, final String gtin) {
        final String maker = owner.mspId().equals(IMPORTER_MSP) ? FOREIGN_MANUFACTURER : "";
        return call(owner, ctx -> contract.registerProduct(ctx, gtin, "Paracetamol", "500 mg", "tablet",
                "REG-" + gtin, maker));
    }

    JsonNode registerBatch(final String gtin, final String lot, final String expiry, final long quantity) {
        return call(manufacturer, ctx -> contract.registerBatch(ctx, gtin, lot, expiry, Long.toString(quantity)));
    }

    JsonNode declareImport(final String gtin, final String lot, final long quantity) {
        return call(importer, ctx -> contract.declareImport(ctx, gtin, lot, EXPIRY, Long.toString(quantity),
                "PERMIT-" + lot, "Karachi Port", FOREIGN_MANUFACTURER));
    }

    JsonNode commission(final String gtin, final String lot, final List<String> serials) {
        return call(manufacturer, ctx -> contract.commissionPacks(ctx, gtin, lot, json(serials)));
    }

    /** Ships serialised packs of {@link #GTIN} and returns the shipment id. */
    String ship(final TestIdentity from, final String toGln, final List<String> serials) {
        final List<Map<String, String>> packs = serials.stream().map(s -> Map.of("gtin", GTIN, "serial", s)).toList();
        return call(from, ctx -> contract.shipPacks(ctx, toGln, json(Map.of("packs", packs))))
                .get("shipmentId").asText();
    }

    /** Moves packs of {@link #GTIN} from the manufacturer through the distributor to the pharmacy. */
    void deliverToPharmacy(final TestIdentity to, final String toGln, final List<String> serials) {
        final String first = ship(manufacturer, DISTRIBUTOR_GLN, serials);
        call(distributor, ctx -> contract.receiveShipment(ctx, first));
        final String second = ship(distributor, toGln, serials);
        call(to, ctx -> contract.receiveShipment(ctx, second));
    }

    /** The JSON a pharmacy sends to dispense or decommission packs of {@link #GTIN} from LOT1. */
    static String packsJson(final List<String> serials) {
        return json(serials.stream().map(s -> Map.of("gtin", GTIN, "serial", s, "lot", "LOT1", "expiry", EXPIRY))
                .toList());
    }

    /** Runs one submitted transaction and parses its JSON answer. */
    JsonNode call(final TestIdentity who, final Function<Context, String> transaction) {
        final String answer = ledger.submit(who, transaction);
        return parse(answer);
    }

    /** Runs one evaluated (read-only) transaction and parses its JSON answer. */
    JsonNode query(final TestIdentity who, final Function<Context, String> transaction) {
        final String answer = ledger.evaluate(who, transaction);
        return parse(answer);
    }

    /**
     * Asserts that a submitted call is refused as a refusal must read (see {@link #refusedQuery}) and that the contract
     * threw before it emitted any event. (That the ledger keeps nothing of a refused call is the in-memory ledger's
     * job, tested there.)
     *
     * @return the exception, for further checks of its message
     */
    ChaincodeException refused(final TestIdentity who, final Function<Context, String> transaction,
            final ErrorCode expected) {
        final ChaincodeException refusal = refusal(() -> ledger.submit(who, transaction), expected);
        assertThat(ledger.lastFailedAttempt().orElseThrow().event()).as("an event set by the refused call")
                .isEmpty();
        return refusal;
    }

    /**
     * Asserts that an evaluated call is refused as a refusal must read: a {@link ChaincodeException} whose message is
     * {@code [CODE] } and a sentence, and whose payload is the code.
     *
     * @return the exception, for further checks of its message
     */
    ChaincodeException refusedQuery(final TestIdentity who, final Function<Context, String> query,
            final ErrorCode expected) {
        return refusal(() -> ledger.evaluate(who, query), expected);
    }

    private static ChaincodeException refusal(final ThrowingCallable call,
            final ErrorCode expected) {
        final ChaincodeException refusal = catchThrowableOfType(ChaincodeException.class, call);
        assertThat(refusal).as("the call should be refused with %s", expected).isNotNull();
        assertThat(refusal.getMessage()).as("the refusal's message").startsWith("[" + expected.name() + "] ");
        assertThat(refusal.getMessage().substring(expected.name().length() + 3)).as("the refusal's reason")
                .isNotBlank();
        assertThat(new String(refusal.getPayload(), StandardCharsets.UTF_8)).isEqualTo(expected.name());
        return refusal;
    }

    /** The ledger's current date, as the contract sees it. */
    LocalDate today() {
        return LocalDate.ofInstant(ledger.now(), ZoneOffset.UTC);
    }

    /** The last committed event's payload. */
    JsonNode lastEvent() {
        return parse(ledger.lastEvent().orElseThrow().payloadAsString());
    }

    static List<String> serials(final String prefix, final int from, final int to) {
        final List<String> serials = new ArrayList<>();
        IntStream.rangeClosed(from, to).forEach(i -> serials.add(String.format(Locale.ROOT, "%s%04d", prefix, i)));
        return serials;
    }

    static String json(final Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(final String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    /** Completes a 12-digit GLN stem with its check digit. */
    static String gln(final String stem) {
        return stem + Gtin.checkDigit(stem);
    }

    /** Completes a 13-digit GTIN stem with its check digit. */
    static String gtin(final String stem) {
        return stem + Gtin.checkDigit(stem);
    }
}
