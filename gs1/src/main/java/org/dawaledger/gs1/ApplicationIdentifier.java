/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The GS1 Application Identifiers this library can find the end of in an element string, from the GS1 General
 * Specifications. An AI not listed here cannot be skipped safely, because its length is unknown, so a read containing
 * one is rejected rather than guessed at.
 */
final class ApplicationIdentifier {
    private static final Map<String, ApplicationIdentifier> BY_CODE = new HashMap<>();

    static {
        // Predefined lengths (GS1 General Specifications figure 7.8.5-2): these never need an FNC1 after them
        predefined("00", "SSCC", 18, true, Gs1Field.ELEMENT_STRING);
        predefined("01", "GTIN", 14, true, Gs1Field.GTIN);
        predefined("02", "content GTIN", 14, true, Gs1Field.ELEMENT_STRING);
        predefined("03", "made-to-order GTIN", 14, true, Gs1Field.ELEMENT_STRING);
        predefined("04", "", 16, false, Gs1Field.ELEMENT_STRING);
        predefined("11", "production date", 6, true, Gs1Field.ELEMENT_STRING);
        predefined("12", "due date", 6, true, Gs1Field.ELEMENT_STRING);
        predefined("13", "packaging date", 6, true, Gs1Field.ELEMENT_STRING);
        predefined("14", "", 6, false, Gs1Field.ELEMENT_STRING);
        predefined("15", "best before date", 6, true, Gs1Field.ELEMENT_STRING);
        predefined("16", "sell by date", 6, true, Gs1Field.ELEMENT_STRING);
        predefined("17", "expiry date", 6, true, Gs1Field.EXPIRY);
        predefined("18", "", 6, false, Gs1Field.ELEMENT_STRING);
        predefined("19", "", 6, false, Gs1Field.ELEMENT_STRING);
        predefined("20", "variant", 2, true, Gs1Field.ELEMENT_STRING);
        for (int family = 31; family <= 36; family++) {
            for (int suffix = 0; suffix <= 99; suffix++) {
                // Trade measures: the fourth digit is the decimal point position, the third the unit
                predefined(family + (suffix < 10 ? "0" : "") + suffix, "", 6, true, Gs1Field.ELEMENT_STRING);
            }
        }
        for (int location = 410; location <= 417; location++) {
            predefined(Integer.toString(location), "GLN", 13, true, Gs1Field.GLN);
        }

        // Everything else ends at FNC1 (GS) or the end of the data, even where its data has a fixed length
        variable("10", "lot", 1, 20, false, Gs1Field.LOT);
        variable("21", "serial", 1, 20, false, Gs1Field.SERIAL);
        variable("22", "consumer product variant", 1, 20, false);
        variable("235", "third-party controlled serialised extension", 1, 28, false);
        variable("240", "additional product identification", 1, 30, false);
        variable("241", "customer part number", 1, 30, false);
        variable("242", "made-to-order variation number", 1, 6, true);
        variable("243", "packaging component number", 1, 20, false);
        variable("250", "secondary serial number", 1, 30, false);
        variable("251", "reference to source entity", 1, 30, false);
        variable("253", "GDTI", 13, 30, false);
        variable("254", "GLN extension component", 1, 20, false);
        variable("255", "GCN", 13, 25, true);
        variable("30", "variable count", 1, 8, true);
        variable("37", "count of trade items", 1, 8, true);
        for (int decimals = 0; decimals <= 9; decimals++) {
            variable("390" + decimals, "amount payable", 1, 15, true);
            variable("391" + decimals, "amount payable with currency", 4, 18, true);
            variable("392" + decimals, "amount payable for a variable measure item", 1, 15, true);
            variable("393" + decimals, "amount payable for a variable measure item with currency", 4, 18, true);
            variable("394" + decimals, "percentage discount", 4, 4, true);
            variable("395" + decimals, "amount payable per unit of measure", 6, 6, true);
        }
        variable("400", "order number", 1, 30, false);
        variable("401", "GINC", 1, 30, false);
        variable("402", "GSIN", 17, 17, true);
        variable("403", "routing code", 1, 30, false);
        variable("420", "ship-to postal code", 1, 20, false);
        variable("421", "ship-to postal code with country", 4, 12, false);
        variable("422", "country of origin", 3, 3, true);
        variable("423", "countries of initial processing", 4, 15, true);
        variable("424", "country of processing", 3, 3, true);
        variable("425", "countries of disassembly", 4, 15, true);
        variable("426", "country of full process chain", 3, 3, true);
        variable("427", "country subdivision of origin", 1, 3, false);
        variable("7001", "NATO stock number", 13, 13, true);
        variable("7002", "UN/ECE meat carcasses classification", 1, 30, false);
        variable("7003", "expiration date and time", 10, 10, true);
        variable("7004", "active potency", 1, 4, true);
        variable("7005", "catch area", 1, 12, false);
        variable("7006", "first freeze date", 6, 6, true);
        variable("7007", "harvest date", 6, 12, true);
        variable("7008", "species for fishery purposes", 1, 3, false);
        variable("7009", "fishing gear type", 1, 10, false);
        variable("7010", "production method", 1, 2, false);
        variable("7020", "refurbishment lot", 1, 20, false);
        variable("7021", "functional status", 1, 20, false);
        variable("7022", "revision status", 1, 20, false);
        variable("7023", "GIAI of an assembly", 1, 30, false);
        for (int processor = 0; processor <= 9; processor++) {
            variable("703" + processor, "approval number of processor", 4, 30, false);
            variable("723" + processor, "certification reference", 3, 30, false);
        }
        variable("7040", "GS1 UIC with extension", 4, 4, false);
        for (int country = 710; country <= 716; country++) {
            variable(Integer.toString(country), "national healthcare reimbursement number", 1, 20, false);
        }
        variable("7240", "protocol ID", 1, 20, false);
        variable("8001", "roll products dimensions", 14, 14, true);
        variable("8002", "mobile phone identifier", 1, 20, false);
        variable("8003", "GRAI", 14, 30, false);
        variable("8004", "GIAI", 1, 30, false);
        variable("8005", "price per unit of measure", 6, 6, true);
        variable("8006", "ITIP", 18, 18, true);
        variable("8007", "IBAN", 1, 34, false);
        variable("8008", "production date and time", 8, 12, true);
        variable("8009", "optically readable sensor indicator", 1, 50, false);
        variable("8010", "CPID", 1, 30, false);
        variable("8011", "CPID serial number", 1, 12, true);
        variable("8012", "software version", 1, 20, false);
        variable("8013", "GMN", 1, 25, false);
        variable("8017", "GSRN of a provider", 18, 18, true);
        variable("8018", "GSRN of a recipient", 18, 18, true);
        variable("8019", "service relation instance number", 1, 10, true);
        variable("8020", "payment slip reference number", 1, 25, false);
        variable("8026", "ITIP content", 18, 18, true);
        variable("8110", "coupon code", 1, 70, false);
        variable("8111", "loyalty points", 4, 4, true);
        variable("8112", "paperless coupon code", 1, 70, false);
        variable("8200", "extended packaging URL", 1, 70, false);
        variable("90", "mutually agreed information", 1, 30, false);
        for (int company = 91; company <= 99; company++) {
            variable(Integer.toString(company), "company internal information", 1, 90, false);
        }
    }

    private final String code;
    private final String title;
    private final int minLength;
    private final int maxLength;
    private final boolean predefinedLength;
    private final boolean numeric;
    private final Gs1Field field;

    private ApplicationIdentifier(final String code, final String title, final int minLength, final int maxLength,
            final boolean predefinedLength, final boolean numeric, final Gs1Field field) {
        this.code = code;
        this.title = title;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.predefinedLength = predefinedLength;
        this.numeric = numeric;
        this.field = field;
    }

    private static void predefined(final String code, final String title, final int length, final boolean numeric,
            final Gs1Field field) {
        add(new ApplicationIdentifier(code, title, length, length, true, numeric, field));
    }

    private static void variable(final String code, final String title, final int minLength, final int maxLength,
            final boolean numeric) {
        variable(code, title, minLength, maxLength, numeric, Gs1Field.ELEMENT_STRING);
    }

    private static void variable(final String code, final String title, final int minLength, final int maxLength,
            final boolean numeric, final Gs1Field field) {
        add(new ApplicationIdentifier(code, title, minLength, maxLength, false, numeric, field));
    }

    private static void add(final ApplicationIdentifier ai) {
        if (BY_CODE.put(ai.code, ai) != null) {
            throw new IllegalStateException("AI " + ai.code + " defined twice");
        }
    }

    /** The AI with exactly this code, or null. */
    static ApplicationIdentifier byCode(final String code) {
        return BY_CODE.get(code);
    }

    /**
     * The AI that {@code data} starts with at {@code index}, or null if no known AI does. AIs are prefix-free (no AI
     * is the start of a longer one), so trying two, three and four digits in turn finds at most one.
     */
    static ApplicationIdentifier at(final String data, final int index) {
        for (int length = 2; length <= 4 && index + length <= data.length(); length++) {
            final ApplicationIdentifier ai = BY_CODE.get(data.substring(index, index + length));
            if (ai != null) {
                return ai;
            }
        }
        return null;
    }

    static Collection<ApplicationIdentifier> all() {
        return Collections.unmodifiableCollection(BY_CODE.values());
    }

    String code() {
        return code;
    }

    int minLength() {
        return minLength;
    }

    int maxLength() {
        return maxLength;
    }

    /** True for the AIs whose length is implied by their first two digits, so no FNC1 needs to follow them. */
    boolean predefinedLength() {
        return predefinedLength;
    }

    boolean numeric() {
        return numeric;
    }

    Gs1Field field() {
        return field;
    }

    /** How messages name the AI: "lot (AI 10)", or "AI 3103" where there is no short name. */
    String label() {
        return title.isEmpty() ? "AI " + code : title + " (AI " + code + ")";
    }

    /** The short name alone where there is one, for messages that read better without the AI: "lot". */
    String name() {
        return title.isEmpty() ? "AI " + code : title;
    }
}
