package org.dawaledger.chaincode.ledger;

/**
 * The object types of every composite key the ledger writes. The state database is LevelDB (no rich queries), so
 * every listing is a partial-key query over one of these; index keys hold a marker value and point at a record.
 */
public final class Keys {
    /** The ledger's bootstrap settings (regulator MSP). No attributes. */
    public static final String CONFIG = "config";
    /** participant [gln] → Participant. */
    public static final String PARTICIPANT = "participant";
    /** identity [mspId, identity id: SHA-256 of the certificate's subject and issuer DER] → the participant's GLN. */
    public static final String IDENTITY = "identity";
    /** companyPrefix [first four digits, prefix] → the GLN of the manufacturer whose licence holds it. */
    public static final String COMPANY_PREFIX = "companyPrefix";
    /** product [gtin] → Product. */
    public static final String PRODUCT = "product";
    /**
     * product~owner [ownerGln, gtin] → marker, written by RegisterProduct; moved to the new owner when a rejected GTIN
     * is registered again by another party.
     */
    public static final String PRODUCT_BY_OWNER = "product~owner";
    /** product~pending [registeredAt, gtin] → marker, while a registration waits for the regulator's decision. */
    public static final String PENDING_PRODUCT = "product~pending";
    /** price [gtin] → PriceHistory: the regulator's maximum retail prices of the product, newest first. */
    public static final String PRICE = "price";
    /** batch [gtin, lot] → Batch; a partial query on [gtin] lists a product's batches. */
    public static final String BATCH = "batch";
    /** batch~serialised [gtin, lot] → marker, written by every CommissionPacks of the batch: it carries serials. */
    public static final String SERIALISED_BATCH = "batch~serialised";
    /** import~pending [declaredAt, gtin, lot] → marker, while an import waits for clearance. */
    public static final String PENDING_IMPORT = "import~pending";
    /** import~importer [importerGln, gtin, lot] → marker. */
    public static final String IMPORT_BY_IMPORTER = "import~importer";
    /** pack [gtin, serial] → Pack; one key per GTIN and serial makes serials unique per GTIN across batches. */
    public static final String PACK = "pack";
    /**
     * pack~dispensed [dispenserGln, UTC date, dispensedAt, gtin, serial] → marker, written by DispensePacks and deleted
     * when the dispense is undone.
     */
    public static final String DISPENSED_PACK = "pack~dispensed";
    /** stock [gtin, lot, holderGln] → StockHolding: units a party holds at batch level (not by serial). */
    public static final String STOCK = "stock";
    /** shipment [shipmentId] → Shipment. */
    public static final String SHIPMENT = "shipment";
    /**
     * shipment~receiver [receiverGln, status, dispatchedAt, shipmentId] → marker; moved from IN_TRANSIT to the
     * closing status when the shipment closes.
     */
    public static final String SHIPMENT_BY_RECEIVER = "shipment~receiver";
    /** alert [alertId] → Alert. */
    public static final String ALERT = "alert";
    /** alert~status [status, raisedAt, alertId] → marker. */
    public static final String ALERT_BY_STATUS = "alert~status";
    /** alert~raiser [raiserGln, newest-first time, alertId] → marker, written wherever an alert is raised. */
    public static final String ALERT_BY_RAISER = "alert~raiser";
    /** alert~reports [raiserGln, UTC date] → how many of the party's reports from that day are open. */
    public static final String OPEN_REPORTS = "alert~reports";
    /** A non-empty value for index keys: Fabric treats an empty value as a delete. */
    public static final byte[] MARKER = {0};

    private Keys() {
    }
}
