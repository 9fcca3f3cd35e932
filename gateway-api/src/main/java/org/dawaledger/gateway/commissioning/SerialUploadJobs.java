package org.dawaledger.gateway.commissioning;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dawaledger.gateway.commissioning.SerialUpload.Commit;
import org.dawaledger.gateway.commissioning.SerialUpload.Failure;
import org.dawaledger.gateway.commissioning.SerialUpload.Owner;
import org.dawaledger.gateway.data.DataFiles;
import org.dawaledger.ledger.BlockFeed;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.CommittedBlock;
import org.dawaledger.ledger.CommittedTransaction;
import org.dawaledger.ledger.Ledger;
import org.dawaledger.ledger.RefusedException;
import org.dawaledger.ledger.Submitted;
import org.jboss.logging.Logger;

/**
 * The serial-upload jobs of a folder, and how each runs: chunk after chunk through the contract's all-or-none
 * CommissionPacks, its progress written (whole or not at all) after every committed chunk.
 *
 * <p>A job resumed after a restart never commissions a serial twice and never skips one. Before a chunk is submitted
 * the job records it as in flight with the ledger's height. If the gateway dies then, the chunk may or may not have
 * committed; the ledger says which: a committed chunk is a valid transaction in a block from that height on whose
 * {@code PacksCommissioned} event names exactly the chunk's serials, in order, for the job's batch. Only the batch's
 * owner can commission in it, and a serial only once per GTIN, so such a transaction is the chunk's own commit;
 * serials that were commissioned before the chunk was first sent are in earlier blocks, and the chunk is then sent
 * again and refused ({@code SERIAL_ALREADY_COMMISSIONED}), which fails the job.
 */
final class SerialUploadJobs {
    /** The identity a job acts as, found again from what its file keeps. */
    interface Callers {
        Optional<Caller> find(String mspId, String certificatePem);
    }

    private static final Logger LOG = Logger.getLogger(SerialUploadJobs.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A chunk that loses an MVCC race is submitted again, up to this many times in all. */
    private static final int ATTEMPTS = 3;
    private static final Comparator<SerialUpload> OLDEST_FIRST = Comparator
            .comparing((SerialUpload job) -> Instant.parse(job.createdAt())).thenComparing(SerialUpload::id);

    private final Ledger ledger;
    private final Path folder;
    private final Callers callers;
    private final Counter commissionedSerials;
    private final Map<String, SerialUpload> jobs = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /**
     * The jobs kept in a folder (created if missing). Spool files a crash left without a job are removed.
     *
     * @throws UncheckedIOException if the folder cannot be read
     */
    SerialUploadJobs(final Ledger ledger, final Path folder, final Callers callers, final MeterRegistry registry) {
        this.ledger = ledger;
        this.folder = folder;
        this.callers = callers;
        try {
            Files.createDirectories(folder);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
                for (final Path file : files) {
                    final SerialUpload job = JSON.readValue(file.toFile(), SerialUpload.class);
                    jobs.put(job.id(), job);
                }
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (final Path file : files) {
                    final String name = file.getFileName().toString();
                    final boolean orphan = name.endsWith(".serials")
                            && !jobs.containsKey(name.substring(0, name.length() - ".serials".length()));
                    if (name.endsWith(".tmp") || orphan) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the serial uploads in " + folder, e);
        }
        this.commissionedSerials = Counter.builder("dawaledger.serial.uploads.commissioned")
                .description("Serials commissioned by serial-upload jobs").register(registry);
        Gauge.builder("dawaledger.serial.uploads.unfinished", jobs,
                all -> all.values().stream().filter(job -> !job.finished()).count())
                .description("Serial-upload jobs queued or running").register(registry);
    }

    /** The folder uploads are spooled into before they become jobs. */
    Path folder() {
        return folder;
    }

    /** Makes a received upload a queued job; its spool becomes the job's. */
    SerialUpload create(final SerialSpool.Spooled spooled, final Owner owner, final String gtin, final String lot,
            final int chunkSize) throws IOException {
        String id;
        do {
            final byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            id = HexFormat.of().formatHex(bytes);
        } while (jobs.containsKey(id));
        Files.move(spooled.file(), spoolOf(id), StandardCopyOption.ATOMIC_MOVE);
        return save(SerialUpload.queued(id, owner, gtin, lot, spooled.count(), chunkSize, Instant.now()));
    }

    Optional<SerialUpload> find(final String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** A party's jobs, newest first. */
    List<SerialUpload> of(final String ownerGln) {
        return jobs.values().stream().filter(job -> job.owner().gln().equals(ownerGln))
                .sorted(OLDEST_FIRST.reversed())
                .toList();
    }

    /** The jobs still to run, oldest first. */
    List<SerialUpload> unfinished() {
        return jobs.values().stream().filter(job -> !job.finished())
                .sorted(OLDEST_FIRST).toList();
    }

    /** Serials that unfinished jobs of a batch are still to commission: units of the batch already promised. */
    long outstanding(final String gtin, final String lot) {
        return jobs.values().stream().filter(job -> job.gtin().equals(gtin) && job.lot().equals(lot))
                .mapToLong(SerialUpload::outstanding).sum();
    }

    /** Lets the job running now stop after its current chunk, and no other start. */
    void stop() {
        stopping = true;
    }

    /**
     * Runs a job to its end on this thread, or until {@link #stop()}: its next chunk after another, each submitted as
     * the identity that uploaded it. Stopped, it stays RUNNING and resumes from its file.
     */
    void run(final String id) {
        SerialUpload job = jobs.get(id);
        if (job == null || job.finished() || stopping) {
            return;
        }
        final Optional<Caller> caller = callers.find(job.owner().mspId(), job.owner().certificate());
        if (caller.isEmpty()) {
            end(save(job.failed(new Failure(job.nextChunk(), "CALLER_NOT_AVAILABLE",
                    "this gateway no longer holds the identity that uploaded the serials"), Instant.now())));
            return;
        }
        LOG.infof(job.chunksDone() == 0 && job.inFlight() == null
                ? "serial upload %s: %d serials for %s/%s in %d chunks, from chunk %d"
                : "serial upload %s: resuming, %d serials for %s/%s in %d chunks, from chunk %d",
                id, job.total(), job.gtin(), job.lot(), job.chunks(), job.nextChunk());
        job = save(job.running(Instant.now()));
        try (BufferedReader spool = Files.newBufferedReader(spoolOf(id), UTF_8)) {
            for (int skipped = 0; skipped < job.firstIndexOf(job.nextChunk()); skipped++) {
                spool.readLine();
            }
            while (!job.finished() && !stopping) {
                job = commission(job, caller.get(), read(spool, job.sizeOf(job.nextChunk())));
            }
        } catch (IOException e) {
            job = save(job.failed(new Failure(job.nextChunk(), "INTERNAL_ERROR",
                    "the upload's spool cannot be read: " + e.getMessage()), Instant.now()));
        } catch (Stopped e) {
            LOG.infof("serial upload %s: stopped with chunk %d in flight; it resumes at the next start", id,
                    job.nextChunk());
            return;
        }
        if (job.finished()) {
            end(job);
        }
    }

    /** Commissions the job's next chunk, or finds it committed already. */
    private SerialUpload commission(final SerialUpload before, final Caller caller, final List<String> serials) {
        final int chunk = before.nextChunk();
        SerialUpload job = before;
        if (job.inFlight() != null && job.inFlight().chunk() == chunk) {
            // The gateway stopped while this chunk was on its way: it may have committed.
            final Optional<Commit> earlier = committedSince(job, serials);
            if (earlier.isPresent()) {
                LOG.infof("serial upload %s: chunk %d had committed before the restart, in transaction %s", job.id(),
                        chunk, earlier.get().transactionId());
                return committed(job, earlier.get());
            }
        } else {
            job = save(job.sending(ledger.height(), Instant.now()));
        }
        try {
            final Submitted submitted = ledger.submitResolvingConflicts(caller, ATTEMPTS, "CommissionPacks",
                    job.gtin(), job.lot(), JSON.writeValueAsString(serials));
            if (!submitted.isValid()) {
                return failed(job, new Failure(chunk, submitted.validationCode().name(), "its transaction "
                        + submitted.transactionId() + " was committed as " + submitted.validationCode() + " in block "
                        + submitted.blockNumber() + " (attempt " + ATTEMPTS + " of " + ATTEMPTS
                        + "), so it commissioned nothing"));
            }
            return committed(job, new Commit(chunk, submitted.transactionId(), submitted.blockNumber(),
                    read(submitted.answer()).path("unserialisedRemaining").asLong()));
        } catch (RefusedException e) {
            // The chunk's own earlier submit may have committed after all: a Fabric transaction can outlive the
            // gateway that sent it, and the chunk sent again is then refused as SERIAL_ALREADY_COMMISSIONED.
            final Optional<Commit> earlier = committedSince(job, serials);
            return earlier.isPresent() ? committed(job, earlier.get())
                    : failed(job, new Failure(chunk, e.code().orElse("INTERNAL_ERROR"), e.detail()));
        } catch (IOException | RuntimeException e) {
            if (stopping) {
                throw new Stopped();
            }
            LOG.errorf(e, "serial upload %s: chunk %d could not be submitted", job.id(), chunk);
            final Optional<Commit> earlier = committedSince(job, serials);
            return earlier.isPresent() ? committed(job, earlier.get())
                    : failed(job, new Failure(chunk, "INTERNAL_ERROR", String.valueOf(e.getMessage())));
        }
    }

    /**
     * The chunk's commit, if one of the blocks since it was first sent holds it: a valid transaction whose
     * PacksCommissioned event names exactly these serials, in order, for the job's batch.
     */
    private Optional<Commit> committedSince(final SerialUpload job, final List<String> serials) {
        final long from = job.inFlight().fromBlock();
        final long to = ledger.height();
        try (BlockFeed blocks = ledger.blocks(from)) {
            for (long number = from; number < to; number++) {
                final CommittedBlock block = blocks.next();
                for (final CommittedTransaction transaction : block.transactions()) {
                    final Optional<CommittedTransaction.Event> event = transaction.event()
                            .filter(candidate -> candidate.name().equals("PacksCommissioned"));
                    if (transaction.isValid() && event.isPresent()) {
                        final JsonNode data = read(event.get().payload()).path("data");
                        if (namesExactly(data, job, serials)) {
                            return Optional.of(new Commit(job.nextChunk(), transaction.id(), block.number(),
                                    data.path("unserialisedRemaining").asLong()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean namesExactly(final JsonNode data, final SerialUpload job, final List<String> serials) {
        final JsonNode named = data.path("serials");
        if (!data.path("gtin").asText().equals(job.gtin()) || !data.path("lot").asText().equals(job.lot())
                || named.size() != serials.size()) {
            return false;
        }
        for (int i = 0; i < serials.size(); i++) {
            if (!named.get(i).asText().equals(serials.get(i))) {
                return false;
            }
        }
        return true;
    }

    private SerialUpload committed(final SerialUpload job, final Commit commit) {
        commissionedSerials.increment(job.sizeOf(commit.chunk()));
        LOG.infof("serial upload %s: chunk %d of %d committed (%d serials) in transaction %s, block %d", job.id(),
                commit.chunk(), job.chunks(), job.sizeOf(commit.chunk()), commit.transactionId(), commit.block());
        return save(job.committed(commit, Instant.now()));
    }

    private SerialUpload failed(final SerialUpload job, final Failure failure) {
        LOG.warnf("serial upload %s: chunk %d of %d refused with %s: %s; %d serials stay commissioned", job.id(),
                failure.chunk(), job.chunks(), failure.code(), failure.message(), job.commissioned());
        return save(job.failed(failure, Instant.now()));
    }

    /** A finished job no longer needs its spool. */
    private void end(final SerialUpload job) {
        LOG.infof("serial upload %s: %s, %d of %d serials commissioned", job.id(), job.state(), job.commissioned(),
                job.total());
        try {
            Files.deleteIfExists(spoolOf(job.id()));
        } catch (IOException e) {
            LOG.warnf("serial upload %s: cannot delete its spool: %s", job.id(), e.getMessage());
        }
    }

    /** Writes a job's file, whole or not at all, then makes it the job's current state. */
    SerialUpload save(final SerialUpload job) {
        try {
            DataFiles.replace(folder.resolve(job.id() + ".json"), JSON.writeValueAsString(job));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jobs.put(job.id(), job);
        return job;
    }

    private Path spoolOf(final String id) {
        return folder.resolve(id + ".serials");
    }

    private static List<String> read(final BufferedReader spool, final int count) throws IOException {
        final List<String> serials = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final String serial = spool.readLine();
            if (serial == null) {
                throw new IOException("the spool ends before the upload's last serial");
            }
            serials.add(serial);
        }
        return serials;
    }

    private static JsonNode read(final byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ledger went away under a chunk because the gateway is stopping. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
