package org.dawaledger.gateway.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A verification answer as the public page shows it: the verdict in large plain words and a colour, what to do, and
 * the facts a patient can hold against the pack.
 *
 * @param tone {@code ok} (genuine and active), {@code warn} (only the product was checked) or {@code bad}
 * @param verdict the contract's verdict code
 */
public record VerificationView(String tone, String verdict, String headline, String advice, String product,
        String strength, String ownerLabel, String ownerName, String foreignManufacturer, String registrationNumber,
        String serial, String lot, String expiry, String price, String priceSince, String block) {

    /** The view of the gateway's answer ({@code {verdict, identifier, block}}) in the page's language. */
    static VerificationView of(final JsonNode answer, final PublicText text) {
        final JsonNode v = answer.path("verdict");
        final String verdict = v.path("verdict").asText();
        final JsonNode price = v.path("regulatedPrice");
        final String rupees = price.isObject() ? rupees(price.path("paisa").asLong()) : null;
        final String strength = join(v.path("strength").asText(null), v.path("dosageForm").asText(null));
        final boolean imported = "IMPORTER".equals(v.path("ownerRole").asText());
        return new VerificationView(tone(verdict), verdict, headline(verdict, text), advice(verdict, text),
                v.path("productName").asText(null), strength, imported ? text.importer() : text.maker(),
                v.path("ownerName").asText(null), blankToNull(v.path("foreignManufacturer").asText(null)),
                v.path("registrationNumber").asText(null), v.path("serial").asText(null),
                v.path("ledgerLot").asText(v.path("lot").asText(null)),
                v.path("ledgerExpiry").asText(v.path("expiry").asText(null)),
                rupees == null ? null : text.rupees(rupees),
                rupees == null ? null : text.priceSince(price.path("effectiveFrom").asText(),
                        price.path("reference").asText()),
                text.block(answer.path("block").asLong()));
    }

    /** A refusal to judge (an unreadable code, too many checks): headline and advice alone. */
    static VerificationView refused(final String headline, final String advice) {
        return new VerificationView("bad", null, headline, advice, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** Rupees from integer paisa, as a price list prints them: 34.50. */
    static String rupees(final long paisa) {
        return String.format(Locale.ROOT, "%d.%02d", paisa / 100, paisa % 100);
    }

    static String tone(final String verdict) {
        return switch (verdict) {
            case "ACTIVE" -> "ok";
            case "LOT_REQUIRED" -> "warn";
            default -> "bad";
        };
    }

    private static String headline(final String verdict, final PublicText text) {
        return switch (verdict) {
            case "ACTIVE" -> text.activeHeadline();
            case "UNKNOWN_PRODUCT" -> text.unknownProductHeadline();
            case "NOT_APPROVED" -> text.notApprovedHeadline();
            case "WITHDRAWN" -> text.withdrawnHeadline();
            case "RECALLED" -> text.recalledHeadline();
            case "UNKNOWN_SERIAL" -> text.unknownSerialHeadline();
            case "LOT_MISMATCH", "UNKNOWN_BATCH", "EXPIRY_MISMATCH" -> text.mismatchHeadline();
            case "SERIAL_REQUIRED" -> text.serialRequiredHeadline();
            case "LOT_REQUIRED" -> text.lotRequiredHeadline();
            case "NOT_RELEASED" -> text.notReleasedHeadline();
            case "EXPIRED" -> text.expiredHeadline();
            case "ALREADY_SUPPLIED" -> text.alreadySuppliedHeadline();
            default -> text.decommissionedHeadline();
        };
    }

    private static String advice(final String verdict, final PublicText text) {
        return switch (verdict) {
            case "ACTIVE" -> text.activeAdvice();
            case "UNKNOWN_PRODUCT" -> text.unknownProductAdvice();
            case "NOT_APPROVED" -> text.notApprovedAdvice();
            case "WITHDRAWN" -> text.withdrawnAdvice();
            case "RECALLED" -> text.recalledAdvice();
            case "UNKNOWN_SERIAL" -> text.unknownSerialAdvice();
            case "LOT_MISMATCH", "UNKNOWN_BATCH", "EXPIRY_MISMATCH" -> text.mismatchAdvice();
            case "SERIAL_REQUIRED" -> text.serialRequiredAdvice();
            case "LOT_REQUIRED" -> text.lotRequiredAdvice();
            case "NOT_RELEASED" -> text.notReleasedAdvice();
            case "EXPIRED" -> text.expiredAdvice();
            case "ALREADY_SUPPLIED" -> text.alreadySuppliedAdvice();
            default -> text.decommissionedAdvice();
        };
    }

    private static String join(final String strength, final String form) {
        if (strength == null) {
            return form;
        }
        return form == null ? strength : strength + " " + form;
    }

    private static String blankToNull(final String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
