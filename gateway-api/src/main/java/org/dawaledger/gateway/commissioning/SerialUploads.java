package org.dawaledger.gateway.commissioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.dawaledger.chaincode.pack.Packs;
import org.dawaledger.gateway.commissioning.SerialUpload.Owner;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gateway.ledger.Wallet;
import org.dawaledger.gateway.problem.Problem;
import org.dawaledger.gs1.Gs1Text;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.identity.LocalCa;

/**
 * Serial uploads on this gateway: each accepted upload becomes a job, and one worker thread runs the jobs one after
 * another in the order they came (a batch's chunks must go one after another anyway, as each writes the owner's stock
 * record). Jobs left unfinished by the last run resume at start. A job is its uploader's: the party (GLN) the signed-in
 * identity is on the ledger; any other party is told there is no such job.
 */
@ApplicationScoped
public class SerialUploads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayLedger ledger;
    private final SerialUploadConfig config;
    private final SerialUploadJobs jobs;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        final Thread thread = new Thread(task, "dawaledger-serial-uploads");
        thread.setDaemon(true);
        return thread;
    });

    SerialUploads(final GatewayConfig gateway, final SerialUploadConfig config, final GatewayLedger ledger,
            final MeterRegistry registry) {
        if (config.chunkSize() < 1 || config.chunkSize() > Packs.MAX_PACKS_PER_CALL) {
            throw new IllegalStateException("dawaledger.serial-uploads.chunk-size is " + config.chunkSize()
                    + "; it must be 1 to " + Packs.MAX_PACKS_PER_CALL);
        }
        this.ledger = ledger;
        this.config = config;
        this.jobs = new SerialUploadJobs(ledger.ledger(), gateway.dataDir().resolve("serial-uploads"),
                inWallet(ledger), registry);
    }

    void start(@Observes final StartupEvent event) {
        jobs.unfinished().forEach(this::enqueue);
    }

    void stop(@Observes final ShutdownEvent event) throws InterruptedException {
        // Let the chunk on its way commit and be recorded before the ledger closes.
        jobs.stop();
        worker.shutdown();
        worker.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** What an upload may hold. */
    SerialSpool.Limits limits() {
        return new SerialSpool.Limits(config.maxBytes().asLongValue(), config.maxSerials(), config.chunkSize());
    }

    /** Where uploads are spooled. */
    Path spoolFolder() {
        return jobs.folder();
    }

    /**
     * Accepts a received upload as a queued job. The contract first judges the first chunk exactly as the job will
     * submit it, without committing it, so that the wrong party, batch or batch state, or a serial commissioned
     * already, is refused now with the contract's code and no job is made; and the upload must fit the units of the
     * batch the owner still holds without serials, less those unfinished uploads of the batch will take.
     *
     * @throws org.dawaledger.ledger.RefusedException if the contract refuses the first chunk
     * @throws WebApplicationException a 409 {@code INSUFFICIENT_STOCK} problem if the batch has too few units left
     */
    SerialUpload accept(final Caller caller, final String gtin, final String lot, final SerialSpool.Spooled spooled)
            throws IOException {
        final JsonNode trial = read(ledger.ledger().evaluate(caller, "CommissionPacks", gtin, lot,
                JSON.writeValueAsString(spooled.firstChunk())).answer());
        final String ownerGln = glnOf(caller).orElseThrow();
        final String batchGtin = trial.path("gtin").asText();
        final String batchLot = trial.path("lot").asText();
        final long held = trial.path("unserialisedRemaining").asLong() + spooled.firstChunk().size();
        synchronized (jobs) {
            final long promised = jobs.outstanding(batchGtin, batchLot);
            if (spooled.count() > held - promised) {
                throw new WebApplicationException(Problem.response(409, "INSUFFICIENT_STOCK", "serials",
                        "the upload names " + spooled.count() + " serials; batch " + batchGtin + "/" + batchLot
                                + " has " + held + " units without serials, " + promised
                                + " of them promised to unfinished uploads"));
            }
            final SerialUpload job = jobs.create(spooled, new Owner(ownerGln, caller.mspId(),
                    caller.certificatePem()), batchGtin, batchLot, config.chunkSize());
            enqueue(job);
            return job;
        }
    }

    /**
     * Checks an upload's batch and spools its serials, checked whole.
     *
     * @param declaredLength the body's length as its sender declared it, or -1
     * @throws WebApplicationException a 400 problem naming the GTIN, lot, or the line or index of a malformed or
     *     repeated serial, or a 413 for an upload over the limits
     */
    SerialSpool.Spooled receive(final String gtin, final String lot, final InputStream body,
            final SerialSpool.Format format, final long declaredLength) throws IOException {
        if (!Gtin.isValid(gtin)) {
            throw Problem.badRequest("INVALID_ARGUMENT", "gtin", "the GTIN " + gtin
                    + " is not a GTIN-8, -12, -13 or -14 with its check digit");
        }
        if (!Gs1Text.isValid(lot)) {
            throw Problem.badRequest("INVALID_ARGUMENT", "lot", "the lot is not 1 to 20 characters of GS1"
                    + " character set 82");
        }
        final SerialSpool.Limits limits = limits();
        if (declaredLength > limits.maxBytes()) {
            throw SerialSpool.tooLarge(limits.maxBytes());
        }
        return SerialSpool.receive(body, format, spoolFolder(), limits);
    }

    /**
     * Uploads a CSV file of serials (one a line, as the REST upload takes them) for a page, and answers the job as
     * {@code GET /api/v1/serial-uploads/{id}} does.
     *
     * @throws WebApplicationException a problem as {@link #receive} and {@link #accept} throw them
     * @throws org.dawaledger.ledger.RefusedException if the contract refuses the first chunk
     */
    public ObjectNode uploadCsv(final Caller caller, final String gtin, final String lot, final InputStream csv)
            throws IOException {
        final SerialSpool.Spooled spooled = receive(gtin, lot, csv, SerialSpool.Format.CSV, -1);
        try {
            return accept(caller, gtin, lot, spooled).answer();
        } finally {
            spooled.discard();
        }
    }

    /** A job as the API answers it, if it is the caller's party's. */
    public Optional<ObjectNode> job(final Caller caller, final String id) {
        return find(caller, id).map(SerialUpload::answer);
    }

    /** The caller's party's jobs as the API answers them, newest first. */
    public List<ObjectNode> jobs(final Caller caller) {
        return list(caller).stream().map(SerialUpload::answer).toList();
    }

    /** A job, if it is the caller's party's. */
    Optional<SerialUpload> find(final Caller caller, final String id) {
        final Optional<String> gln = glnOf(caller);
        return jobs.find(id).filter(job -> gln.isPresent() && job.owner().gln().equals(gln.get()));
    }

    /** The caller's party's jobs, newest first. */
    List<SerialUpload> list(final Caller caller) {
        return glnOf(caller).map(jobs::of).orElse(List.of());
    }

    private void enqueue(final SerialUpload job) {
        worker.execute(() -> jobs.run(job.id()));
    }

    /** The party the caller is on the ledger, if it is one. */
    private Optional<String> glnOf(final Caller caller) {
        final JsonNode participant = read(ledger.ledger().evaluate(caller, "WhoAmI").answer()).path("participant");
        return participant.hasNonNull("gln") ? Optional.of(participant.get("gln").asText()) : Optional.empty();
    }

    /** The wallet's identities, by organisation and certificate: how a job finds its uploader after a restart. */
    static SerialUploadJobs.Callers inWallet(final GatewayLedger ledger) {
        return (mspId, certificate) -> Wallet.participants().stream().map(Wallet::identity).flatMap(Optional::stream)
                .map(identity -> ledger.member(identity.organisation(), identity.member(), LocalCa.Role.CLIENT))
                .filter(member -> member.mspId().equals(mspId) && member.certificatePem().equals(certificate))
                .findFirst();
    }

    private static JsonNode read(final byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
