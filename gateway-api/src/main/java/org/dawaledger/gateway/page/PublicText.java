package org.dawaledger.gateway.page;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The public verification page's words, in English; {@code messages/text_ur.properties} has them in Urdu. Written
 * for a patient holding a strip of tablets: plain words, what is wrong and what to do.
 */
@MessageBundle(value = "text", locale = "en")
public interface PublicText {
    @Message("Check your medicine")
    String title();

    @Message("Is this pack genuine? Scan the square code on the pack, take a photo of it, or type the code printed beside it.")
    String intro();

    @Message("اردو")
    String otherLanguage();

    @Message("Code on the pack")
    String codeLabel();

    @Message("For example:")
    String codeHint();

    @Message("Check")
    String check();

    @Message("Scan with the camera")
    String scan();

    @Message("Point the camera at the square code on the pack.")
    String scanning();

    @Message("Stop the camera")
    String stopCamera();

    @Message("The camera could not be started. Take a photo instead.")
    String cameraFailed();

    @Message("Photo of the code")
    String photoLabel();

    @Message("Check the photo")
    String checkPhoto();

    @Message("Genuine and active")
    String activeHeadline();

    @Message("This pack is on the national register and may be sold. Do not pay more than the regulated price.")
    String activeAdvice();

    @Message("Not registered")
    String unknownProductHeadline();

    @Message("No medicine with this code is registered. Do not use it. Show it to the pharmacist and report it to the regulator.")
    String unknownProductAdvice();

    @Message("Not approved for sale")
    String notApprovedHeadline();

    @Message("The regulator has not approved this medicine. Do not use it; report it to the regulator.")
    String notApprovedAdvice();

    @Message("Withdrawn from the market")
    String withdrawnHeadline();

    @Message("The regulator withdrew this medicine. Do not use it; return it to the pharmacy.")
    String withdrawnAdvice();

    @Message("Recalled: do not use")
    String recalledHeadline();

    @Message("This batch was recalled. Do not use it; return it to the pharmacy.")
    String recalledAdvice();

    @Message("Serial number not found")
    String unknownSerialHeadline();

    @Message("This pack's serial number was never issued for this medicine: it may be falsified. Do not use it; report it to the regulator.")
    String unknownSerialAdvice();

    @Message("The details do not match")
    String mismatchHeadline();

    @Message("The lot or expiry printed on the pack is not what the maker recorded: it may be falsified. Do not use it; report it to the regulator.")
    String mismatchAdvice();

    @Message("Serial number missing")
    String serialRequiredHeadline();

    @Message("Packs of this batch carry a serial number in their square code. Scan the square code; a pack without one is suspect.")
    String serialRequiredAdvice();

    @Message("Only the medicine was checked")
    String lotRequiredHeadline();

    @Message("This code names the medicine, not the pack. Scan the square code, or type the lot and expiry printed on the pack.")
    String lotRequiredAdvice();

    @Message("Not released for sale")
    String notReleasedHeadline();

    @Message("This batch has not been cleared for sale. Do not use it; return it to the pharmacy.")
    String notReleasedAdvice();

    @Message("Expired: do not use")
    String expiredHeadline();

    @Message("This batch is past its expiry date. Do not use it; return it to the pharmacy.")
    String expiredAdvice();

    @Message("Already sold once")
    String alreadySuppliedHeadline();

    @Message("A genuine pack is sold only once, and this one was sold before. If you did not just buy it at a pharmacy that scanned it, it may be a copy: do not use it; report it to the regulator.")
    String alreadySuppliedAdvice();

    @Message("Taken out of the supply chain")
    String decommissionedHeadline();

    @Message("This pack was taken out of the supply chain and may not be sold. Do not use it; report it to the regulator.")
    String decommissionedAdvice();

    @Message("The code could not be read")
    String unreadableHeadline();

    @Message("Check that you typed every character, or scan or photograph the code again.")
    String unreadableAdvice();

    @Message("No code was found in the photo. Hold the phone steady, close enough that the code fills the middle of the picture, in good light, and try again; or type the code.")
    String unreadablePhotoAdvice();

    @Message("Too many checks")
    String rateLimitedHeadline();

    @Message("Please wait a minute and try again.")
    String rateLimitedAdvice();

    @Message("Medicine")
    String product();

    @Message("Strength and form")
    String strength();

    @Message("Maker")
    String maker();

    @Message("Importer")
    String importer();

    @Message("Made abroad by")
    String foreignManufacturer();

    @Message("Registration number")
    String registrationNumber();

    @Message("Lot")
    String lot();

    @Message("Expiry")
    String expiry();

    @Message("Serial number")
    String serial();

    @Message("Regulated price (maximum retail price per pack)")
    String regulatedPrice();

    @Message("Rs {rupees}")
    String rupees(String rupees);

    @Message("in force since {date}, {reference}")
    String priceSince(String date, String reference);

    @Message("The ledger's answer as of block {block}.")
    String block(long block);

    @Message("What was read")
    String whatWasRead();

    @Message("Staff sign-in")
    String staffSignIn();
}
