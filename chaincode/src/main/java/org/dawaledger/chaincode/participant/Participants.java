package org.dawaledger.chaincode.participant;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerEvent;
import org.dawaledger.chaincode.ledger.Page;

/** Rules for licensing: who is on the ledger, in which role, and whether they may act. */
public final class Participants {
    /** The environment variable each chaincode service pins the regulator's MSP with. */
    public static final String REGULATOR_MSP_VARIABLE = "DAWALEDGER_REGULATOR_MSP";

    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Participants() {
    }

    /**
     * Fixes the regulator's MSP and registers the caller as the first regulator. Runs once.
     *
     * @param pinnedMspId the MSP the deployment pinned as the regulator's, or null when none was pinned
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the ledger is initialised already
     *     ({@code LEDGER_ALREADY_INITIALISED}), the deployment pinned no MSP, the named MSP is not the pinned one, the
     *     caller is not of the named MSP or not one of its administrators ({@code ROLE_NOT_PERMITTED}), or an argument
     *     or the caller's certificate names are invalid ({@code INVALID_ARGUMENT})
     */
    public static Participant initLedger(final Ledger ledger, final String pinnedMspId, final String regulatorMspId,
            final String gln,
            final String legalName, final String licenceNumber) {
        final String configKey = ledger.key(Keys.CONFIG);
        if (ledger.exists(configKey)) {
            throw ErrorCode.LEDGER_ALREADY_INITIALISED.exception("the ledger was initialised already");
        }
        final String mspId = mspId(regulatorMspId);
        final String checkedGln = Arguments.gln("gln", gln);
        final String name = Arguments.text("legalName", legalName, Arguments.MAX_TEXT);
        final String licence = Arguments.text("licenceNumber", licenceNumber, Arguments.MAX_REFERENCE);
        if (pinnedMspId == null) {
            // Failing closed: with no pin, whichever organisation called first would become the regulator.
            throw ErrorCode.ROLE_NOT_PERMITTED.exception("this deployment pins no regulator MSP; set %s in every"
                    + " chaincode service", REGULATOR_MSP_VARIABLE);
        }
        if (!pinnedMspId.equals(mspId)) {
            throw ErrorCode.ROLE_NOT_PERMITTED.exception("this deployment pins the regulator's MSP to %s, not %s",
                    pinnedMspId, mspId);
        }
        final Identity identity = callerIdentity(ledger);
        if (!mspId.equals(identity.mspId())) {
            throw ErrorCode.ROLE_NOT_PERMITTED.exception(
                    "only an identity of %s may initialise the ledger as its regulator; the caller is of %s", mspId,
                    identity.mspId());
        }
        identity.requirePrintable("caller's certificate");
        if (!identity.isAdmin()) {
            // Any client of the regulator's organisation could otherwise make itself the root of every licence.
            throw ErrorCode.ROLE_NOT_PERMITTED.exception("only an administrator of %s (NodeOU OU=%s) may initialise"
                    + " the ledger; the caller is %s", mspId, Identity.ADMIN_OU, identity.subject());
        }
        final Participant regulator = new Participant(checkedGln, Role.REGULATOR, name, licence, null,
                identity.mspId(), identity.id(), identity.subject(), identity.issuer(), ParticipantStatus.ACTIVE, null,
                ledger.nowText(), checkedGln, ledger.nowText(), ledger.txId());
        ledger.write(configKey, new LedgerConfig(mspId, ledger.nowText(), ledger.txId()));
        store(ledger, regulator);
        ledger.emit(LedgerEvent.of(ledger, "LedgerInitialised", checkedGln,
                Map.of("regulatorMspId", mspId, "participant", regulator)));
        return regulator;
    }

    /**
     * Licenses a party and binds it to its Fabric identity. A manufacturer's licence records the GS1 company prefixes
     * GS1 allocated to it: it may register products only under them.
     *
     * @param companyPrefixesJson a JSON array of 4 to 12 digit prefixes for a MANUFACTURER; empty for other roles
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the GLN or
     *     identity is taken ({@code PARTICIPANT_ALREADY_EXISTS}, {@code IDENTITY_ALREADY_REGISTERED}), a prefix
     *     overlaps another party's ({@code COMPANY_PREFIX_TAKEN}), a REGULATOR is not of the regulator's MSP
     *     ({@code ROLE_NOT_PERMITTED}) or an argument is invalid ({@code INVALID_ARGUMENT})
     */
    public static Participant register(final Ledger ledger, final String gln, final String role,
            final String legalName, final String licenceNumber, final String companyPrefixesJson, final String mspId,
            final String certificatePem) {
        final Participant regulator = requireCaller(ledger, Role.REGULATOR);
        final String checkedGln = Arguments.gln("gln", gln);
        final Role checkedRole = Arguments.oneOf("role", role, Role.class);
        final String name = Arguments.text("legalName", legalName, Arguments.MAX_TEXT);
        final String licence = Arguments.text("licenceNumber", licenceNumber, Arguments.MAX_REFERENCE);
        final List<String> prefixes = CompanyPrefixes.read(companyPrefixesJson, checkedRole == Role.MANUFACTURER);
        final Identity identity = Identity.ofCertificate(mspId(mspId), certificatePem);
        if (checkedRole == Role.REGULATOR && !identity.mspId().equals(config(ledger).regulatorMspId())) {
            throw ErrorCode.ROLE_NOT_PERMITTED.exception("a REGULATOR must be an identity of %s, not of %s",
                    config(ledger).regulatorMspId(), identity.mspId());
        }
        if (ledger.exists(ledger.key(Keys.PARTICIPANT, checkedGln))) {
            throw ErrorCode.PARTICIPANT_ALREADY_EXISTS.exception("a participant with GLN %s exists already",
                    checkedGln);
        }
        final Optional<String> boundGln = ledger.read(identityKey(ledger, identity), String.class);
        if (boundGln.isPresent()) {
            throw ErrorCode.IDENTITY_ALREADY_REGISTERED.exception("that identity of %s is bound to participant %s",
                    identity.mspId(), boundGln.get());
        }
        if (prefixes != null) {
            CompanyPrefixes.license(ledger, checkedGln, prefixes);
        }
        final Participant participant = new Participant(checkedGln, checkedRole, name, licence, prefixes,
                identity.mspId(), identity.id(), identity.subject(), identity.issuer(), ParticipantStatus.ACTIVE, null,
                ledger.nowText(), regulator.gln(), ledger.nowText(), ledger.txId());
        store(ledger, participant);
        ledger.emit(LedgerEvent.of(ledger, "ParticipantRegistered", regulator.gln(),
                Map.of("participant", participant)));
        return participant;
    }

    /**
     * Suspends, reinstates or revokes a licence.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the party is
     *     unknown ({@code PARTICIPANT_NOT_FOUND}), the change is impossible ({@code INVALID_STATUS_TRANSITION}: same
     *     status, out of REVOKED, or of the caller itself) or the reason is missing ({@code INVALID_ARGUMENT})
     */
    public static Participant setStatus(final Ledger ledger, final String gln, final String status,
            final String reason) {
        final Participant regulator = requireCaller(ledger, Role.REGULATOR);
        final String checkedGln = Arguments.gln("gln", gln);
        final ParticipantStatus newStatus = Arguments.oneOf("status", status, ParticipantStatus.class);
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        final Participant participant = find(ledger, checkedGln);
        if (participant.gln().equals(regulator.gln())) {
            // Otherwise a regulator could lock every regulator out, itself last.
            throw ErrorCode.INVALID_STATUS_TRANSITION.exception("a regulator cannot change its own status");
        }
        if (participant.status() == ParticipantStatus.REVOKED) {
            throw ErrorCode.INVALID_STATUS_TRANSITION.exception("participant %s is revoked, which is final",
                    checkedGln);
        }
        if (participant.status() == newStatus) {
            throw ErrorCode.INVALID_STATUS_TRANSITION.exception("participant %s is %s already", checkedGln,
                    newStatus);
        }
        final Participant changed = participant.withStatus(newStatus, checkedReason, ledger.nowText(),
                ledger.txId());
        ledger.write(ledger.key(Keys.PARTICIPANT, checkedGln), changed);
        ledger.emit(LedgerEvent.of(ledger, "ParticipantStatusChanged", regulator.gln(),
                Map.of("participant", changed, "from", participant.status().name())));
        return changed;
    }

    /**
     * Replaces the GS1 company prefixes a manufacturer's licence records, e.g. when GS1 allocates it another one.
     * Products it registered under a prefix it no longer holds stay its own.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the party is
     *     unknown ({@code PARTICIPANT_NOT_FOUND}), revoked ({@code INVALID_STATUS_TRANSITION}) or not a manufacturer
     *     ({@code ROLE_NOT_PERMITTED}), a prefix overlaps another party's ({@code COMPANY_PREFIX_TAKEN}), or an
     *     argument is invalid ({@code INVALID_ARGUMENT})
     */
    public static Participant setCompanyPrefixes(final Ledger ledger, final String gln,
            final String companyPrefixesJson, final String reason) {
        final Participant regulator = requireCaller(ledger, Role.REGULATOR);
        final Participant participant = find(ledger, Arguments.gln("gln", gln));
        final List<String> prefixes = CompanyPrefixes.read(companyPrefixesJson, true);
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        if (participant.role() != Role.MANUFACTURER) {
            throw ErrorCode.ROLE_NOT_PERMITTED.exception("only a manufacturer's licence holds company prefixes; %s is"
                    + " a %s", participant.gln(), participant.role());
        }
        if (participant.status() == ParticipantStatus.REVOKED) {
            throw ErrorCode.INVALID_STATUS_TRANSITION.exception("participant %s is revoked, which is final",
                    participant.gln());
        }
        CompanyPrefixes.release(ledger, participant.companyPrefixes());
        CompanyPrefixes.license(ledger, participant.gln(), prefixes);
        final Participant changed = participant.withCompanyPrefixes(prefixes, checkedReason, ledger.nowText(),
                ledger.txId());
        ledger.write(ledger.key(Keys.PARTICIPANT, changed.gln()), changed);
        ledger.emit(LedgerEvent.of(ledger, "CompanyPrefixesChanged", regulator.gln(),
                Map.of("participant", changed, "from", participant.companyPrefixes())));
        return changed;
    }

    /**
     * @throws org.hyperledger.fabric.shim.ChaincodeException if no participant has this GLN
     *     ({@code PARTICIPANT_NOT_FOUND}) or the GLN is malformed ({@code INVALID_ARGUMENT})
     */
    public static Participant get(final Ledger ledger, final String gln) {
        return find(ledger, Arguments.gln("gln", gln));
    }

    /**
     * Every participant, whatever its role or status, a page at a time, in GLN order. For the regulator.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, or the page
     *     size or bookmark is invalid ({@code INVALID_ARGUMENT})
     */
    public static Page<Participant> list(final Ledger ledger, final String pageSize, final String bookmark) {
        requireCaller(ledger, Role.REGULATOR);
        return ledger.page(Keys.PARTICIPANT, new String[0], Arguments.pageSize(pageSize), Arguments.bookmark(bookmark),
                keyValue -> Ledger.recordOf(keyValue, Participant.class));
    }

    /** The caller's identity, and its participant record if it has one. */
    public static Map<String, Object> whoAmI(final Ledger ledger) {
        final Map<String, Object> answer = new LinkedHashMap<>();
        final Identity identity = callerIdentity(ledger);
        answer.put("mspId", identity.mspId());
        answer.put("identityId", identity.id());
        answer.put("certificateSubject", identity.subject());
        answer.put("certificateIssuer", identity.issuer());
        callerRecord(ledger).ifPresent(participant -> answer.put("participant", participant));
        return answer;
    }

    /**
     * The calling participant, which must be ACTIVE and of one of the roles.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the ledger is not initialised, the identity is bound to
     *     no participant ({@code CALLER_NOT_REGISTERED}), the participant is not ACTIVE ({@code CALLER_NOT_ACTIVE}) or
     *     has another role ({@code ROLE_NOT_PERMITTED})
     */
    public static Participant requireCaller(final Ledger ledger, final Role... roles) {
        config(ledger);
        final Participant caller = callerRecord(ledger).orElseThrow(() -> ErrorCode.CALLER_NOT_REGISTERED.exception(
                "the calling identity of %s is not bound to a licensed participant", ledger.identity().getMSPID()));
        if (!caller.isActive()) {
            throw ErrorCode.CALLER_NOT_ACTIVE.exception("participant %s is %s and may not act", caller.gln(),
                    caller.status());
        }
        if (roles.length > 0 && Arrays.stream(roles).noneMatch(role -> role == caller.role())) {
            throw ErrorCode.ROLE_NOT_PERMITTED.exception("a %s may not make this call; it is for %s", caller.role(),
                    Arrays.toString(roles));
        }
        return caller;
    }

    /**
     * For a listing of one party's records: the caller must be an active participant and either that party or a
     * regulator.
     *
     * @param name the argument's name, for the refusal
     * @param gln the party whose records are asked for
     * @param what what is listed, for the refusal: {@code the packs it dispensed}
     * @return the checked GLN
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller check fails, the GLN is malformed
     *     ({@code INVALID_ARGUMENT}) or the caller is another party ({@code ACCESS_DENIED})
     */
    public static String requireSelfOrRegulator(final Ledger ledger, final String name, final String gln,
            final String what) {
        final Participant caller = requireCaller(ledger);
        final String checked = Arguments.gln(name, gln);
        if (caller.role() != Role.REGULATOR && !caller.gln().equals(checked)) {
            throw ErrorCode.ACCESS_DENIED.exception("only %s itself and the regulator may list %s", checked, what);
        }
        return checked;
    }

    /**
     * The participant with this (checked) GLN.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if there is none ({@code PARTICIPANT_NOT_FOUND})
     */
    public static Participant find(final Ledger ledger, final String gln) {
        return ledger.read(ledger.key(Keys.PARTICIPANT, gln), Participant.class).orElseThrow(
                () -> ErrorCode.PARTICIPANT_NOT_FOUND.exception("no participant has GLN %s", gln));
    }

    /**
     * @throws org.hyperledger.fabric.shim.ChaincodeException if InitLedger has not run ({@code LEDGER_NOT_INITIALISED})
     */
    public static LedgerConfig config(final Ledger ledger) {
        return ledger.read(ledger.key(Keys.CONFIG), LedgerConfig.class).orElseThrow(
                () -> ErrorCode.LEDGER_NOT_INITIALISED.exception("the ledger has no regulator yet: run InitLedger"));
    }

    private static Optional<Participant> callerRecord(final Ledger ledger) {
        return ledger.read(identityKey(ledger, callerIdentity(ledger)), String.class)
                .flatMap(gln -> ledger.read(ledger.key(Keys.PARTICIPANT, gln), Participant.class));
    }

    private static Identity callerIdentity(final Ledger ledger) {
        return Identity.of(ledger.identity().getMSPID(), ledger.identity().getX509Certificate());
    }

    private static String identityKey(final Ledger ledger, final Identity identity) {
        return ledger.key(Keys.IDENTITY, identity.mspId(), identity.id());
    }

    private static void store(final Ledger ledger, final Participant participant) {
        ledger.write(ledger.key(Keys.PARTICIPANT, participant.gln()), participant);
        ledger.write(ledger.key(Keys.IDENTITY, participant.mspId(), participant.identityId()), participant.gln());
    }

    private static String mspId(final String value) {
        final String text = Arguments.text("mspId", value, 64);
        if (!MSP_ID.matcher(text).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("mspId '%s' is not a valid MSP ID", text);
        }
        return text;
    }
}
