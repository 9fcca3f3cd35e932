package org.dawaledger.gateway.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.dawaledger.gateway.ledger.Organisation;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.Ledger;
import org.dawaledger.ledger.Submitted;
import org.dawaledger.ledger.identity.LocalCa;

/**
 * The small world a new embedded ledger starts with, so that there is something to verify: the five roles licensed,
 * a domestic product with a batch of commissioned packs, some shipped to a pharmacy and one of them dispensed, a
 * second batch recalled, a third registered and awaiting its serials, and an imported product whose batch awaits the
 * regulator's clearance.
 */
public final class DemoWorld {
    public static final String REGULATOR_GLN = withCheckDigit("896000000001");
    public static final String MANUFACTURER_GLN = withCheckDigit("896000000002");
    public static final String IMPORTER_GLN = withCheckDigit("896000000003");
    public static final String DISTRIBUTOR_GLN = withCheckDigit("896000000004");
    public static final String PHARMACY_GLN = withCheckDigit("896000000005");
    /** Panadol 500 mg, of the demo manufacturer (GS1 company prefix 8960001). */
    public static final String GTIN = withCheckDigit("0896000100001");
    /** Augmentin 625 mg, imported. */
    public static final String IMPORTED_GTIN = withCheckDigit("0401234500001");
    /** Panadol's maximum retail price per pack (Rs 34.50), in force from {@link #PRICE_FROM}. */
    public static final long PRICE_PAISA = 3_450;
    public static final String PRICE_FROM = "2026-01-01";
    public static final String PRICE_REFERENCE = "S.R.O. 1234(I)/2026";
    public static final String LOT = "PAN2401";
    public static final String RECALLED_LOT = "PAN2399";
    /** Registered with {@value #UNSERIALISED_UNITS} units and no serials yet: the batch to upload serials for. */
    public static final String UNSERIALISED_LOT = "PAN2402";
    public static final int UNSERIALISED_UNITS = 1_000_000;
    public static final String IMPORTED_LOT = "AUG2405";
    public static final String EXPIRY = "281231";
    public static final int PACKS = 100;
    /** Packs 1 to this many of {@link #LOT} are shipped to the demo pharmacy, which dispenses pack 1. */
    public static final int PHARMACY_STOCK = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who acts in the demo world, issued by each organisation's CA. */
    public interface Members {
        Caller member(Organisation organisation, String name, LocalCa.Role role);
    }

    private DemoWorld() {
    }

    /** The serial of demo pack {@code n} (1 to {@value #PACKS}) of {@link #LOT}. */
    public static String serial(final int n) {
        return String.format(Locale.ROOT, "PAN%06d", n);
    }

    /** The serial of pack {@code n} (1 to 10) of the recalled {@link #RECALLED_LOT}. */
    public static String recalledSerial(final int n) {
        return String.format(Locale.ROOT, "PANR%05d", n);
    }

    /**
     * Seeds a new ledger: licenses the five parties, then {@link #seedGoods stocks} it.
     *
     * @throws IllegalStateException if the ledger refuses a step (it is not new, or the contract changed)
     */
    public static void seed(final Ledger ledger, final Members members) {
        final Caller regulator = members.member(Organisation.REGULATOR, "admin", LocalCa.Role.ADMIN);
        final Caller manufacturer = members.member(Organisation.MANUFACTURER, "user1", LocalCa.Role.CLIENT);
        final Caller importer = members.member(Organisation.IMPORTER, "user1", LocalCa.Role.CLIENT);
        final Caller distributor = members.member(Organisation.DISTRIBUTOR, "user1", LocalCa.Role.CLIENT);
        final Caller pharmacy = members.member(Organisation.PHARMACY, "user1", LocalCa.Role.CLIENT);

        submit(ledger, regulator, "InitLedger", regulator.mspId(), REGULATOR_GLN,
                "Drug Regulatory Authority of Pakistan", "DRAP-HQ-001");
        register(ledger, regulator, MANUFACTURER_GLN, "MANUFACTURER", "Indus Pharmaceuticals Ltd", "DML-000123",
                "[\"8960001\"]", manufacturer);
        register(ledger, regulator, IMPORTER_GLN, "IMPORTER", "Karachi Medical Imports (Pvt) Ltd", "DIL-000456", "",
                importer);
        register(ledger, regulator, DISTRIBUTOR_GLN, "DISTRIBUTOR", "Punjab Drug Distributors", "DDL-000789", "",
                distributor);
        register(ledger, regulator, PHARMACY_GLN, "PHARMACY", "Shifa Pharmacy, Lahore", "DPL-000555", "", pharmacy);
        seedGoods(ledger, members);
    }

    /**
     * Stocks a ledger whose parties are licensed (as {@link #seed} licenses them, or a Fabric network's setup does
     * with the same GLNs): the product and its packs, the pharmacy's stock and sale, the recall and the import.
     *
     * @throws IllegalStateException if the ledger refuses a step (it is stocked already, or the contract changed)
     */
    public static void seedGoods(final Ledger ledger, final Members members) {
        final Caller regulator = members.member(Organisation.REGULATOR, "admin", LocalCa.Role.ADMIN);
        final Caller manufacturer = members.member(Organisation.MANUFACTURER, "user1", LocalCa.Role.CLIENT);
        final Caller importer = members.member(Organisation.IMPORTER, "user1", LocalCa.Role.CLIENT);
        final Caller pharmacy = members.member(Organisation.PHARMACY, "user1", LocalCa.Role.CLIENT);

        submit(ledger, manufacturer, "RegisterProduct", GTIN, "Panadol", "500 mg", "tablet", "REG-012345", "");
        submit(ledger, regulator, "ApproveProduct", GTIN, "Registration REG-012345");
        submit(ledger, regulator, "SetRegulatedPrice", GTIN, Long.toString(PRICE_PAISA), PRICE_FROM, PRICE_REFERENCE);
        submit(ledger, manufacturer, "RegisterBatch", GTIN, LOT, EXPIRY, Integer.toString(PACKS));
        submit(ledger, manufacturer, "CommissionPacks", GTIN, LOT, json(IntStream.rangeClosed(1, PACKS)
                .mapToObj(DemoWorld::serial).toList()));
        final Submitted shipped = submit(ledger, manufacturer, "ShipPacks", PHARMACY_GLN, json(Map.of("packs",
                IntStream.rangeClosed(1, PHARMACY_STOCK).mapToObj(n -> Map.of("gtin", GTIN, "serial", serial(n)))
                        .toList())));
        submit(ledger, pharmacy, "ReceiveShipment", read(shipped).get("shipmentId").asText());
        submit(ledger, pharmacy, "DispensePacks", json(List.of(Map.of("gtin", GTIN, "serial", serial(1)))));

        submit(ledger, manufacturer, "RegisterBatch", GTIN, RECALLED_LOT, EXPIRY, "10");
        submit(ledger, manufacturer, "CommissionPacks", GTIN, RECALLED_LOT, json(IntStream.rangeClosed(1, 10)
                .mapToObj(DemoWorld::recalledSerial).toList()));
        submit(ledger, manufacturer, "RecallBatch", GTIN, RECALLED_LOT, "Dissolution failure in stability testing");
        submit(ledger, manufacturer, "RegisterBatch", GTIN, UNSERIALISED_LOT, EXPIRY,
                Integer.toString(UNSERIALISED_UNITS));

        submit(ledger, importer, "RegisterProduct", IMPORTED_GTIN, "Augmentin", "625 mg", "tablet", "REG-I-2207",
                "Beecham Pharmaceuticals (Pte) Ltd");
        submit(ledger, regulator, "ApproveProduct", IMPORTED_GTIN, "Registration REG-I-2207");
        submit(ledger, importer, "DeclareImport", IMPORTED_GTIN, IMPORTED_LOT, EXPIRY, "50", "PERMIT-2024-118",
                "Karachi Port", "Beecham Pharmaceuticals (Pte) Ltd");
    }

    private static void register(final Ledger ledger, final Caller regulator, final String gln, final String role,
            final String name, final String licence, final String prefixes, final Caller member) {
        submit(ledger, regulator, "RegisterParticipant", gln, role, name, licence, prefixes, member.mspId(),
                member.certificatePem());
    }

    private static Submitted submit(final Ledger ledger, final Caller caller, final String function,
            final String... arguments) {
        final Submitted submitted = ledger.submit(caller, function, arguments);
        if (!submitted.isValid()) {
            throw new IllegalStateException("seeding the demo world: " + function + " was committed as "
                    + submitted.validationCode());
        }
        return submitted;
    }

    private static com.fasterxml.jackson.databind.JsonNode read(final Submitted submitted) {
        try {
            return JSON.readTree(submitted.answer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(final Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GLN or GTIN from its digits before the check digit: GS1 computes both check digits alike. */
    private static String withCheckDigit(final String stem) {
        return stem + Gtin.checkDigit(stem);
    }
}
