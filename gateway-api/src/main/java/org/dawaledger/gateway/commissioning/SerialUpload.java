package org.dawaledger.gateway.commissioning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;

/**
 * A serial upload's job, as its file in the data folder keeps it: whose it is, which batch, how far it got. Chunks are
 * numbered from 1; chunk {@code n} is serials {@code (n - 1) * chunkSize} to {@code n * chunkSize - 1} of the upload
 * (the last may be shorter). The chunk size is the job's own, so that a changed setting never moves a chunk's
 * bounds under a job that resumes.
 *
 * @param id its id
 * @param owner the party that uploaded it, and the identity its chunks are submitted as
 * @param gtin the batch's GTIN, as the contract wrote it back
 * @param lot the batch's lot
 * @param total how many serials the upload names
 * @param chunkSize serials per CommissionPacks call
 * @param state where it stands
 * @param chunksDone chunks committed
 * @param commissioned serials committed
 * @param inFlight the chunk being submitted, if one is: written before the submit, so that a job resumed after a crash
 *     knows which blocks to look in for it
 * @param lastCommit the last chunk committed, if any
 * @param failure why it stopped, if it failed
 * @param createdAt when it was accepted (ISO-8601 UTC)
 * @param startedAt when it first ran
 * @param updatedAt when it last changed
 * @param finishedAt when it became DONE or FAILED
 */
record SerialUpload(String id, Owner owner, String gtin, String lot, int total, int chunkSize, State state,
        int chunksDone, long commissioned, InFlight inFlight, Commit lastCommit, Failure failure, String createdAt,
        String startedAt, String updatedAt, String finishedAt) {

    /** Where a job stands. */
    enum State {
        /** Accepted, waiting for the jobs before it. */
        QUEUED,
        /** Commissioning chunk after chunk; after a restart, resumed where it was. */
        RUNNING,
        /** Every serial commissioned. */
        DONE,
        /** A chunk was refused; the chunks before it stay committed. */
        FAILED
    }

    /**
     * Who uploaded.
     *
     * @param gln the party, as the ledger knows the signed-in identity; only it sees the job
     * @param mspId the identity's organisation
     * @param certificate the identity's certificate (PEM), which finds its key again after a restart
     */
    record Owner(String gln, String mspId, String certificate) {
    }

    /**
     * A chunk on its way to the ledger.
     *
     * @param chunk its number
     * @param fromBlock the ledger's height before it was first submitted: if it committed, it is in a block from here on
     */
    record InFlight(int chunk, long fromBlock) {
    }

    /**
     * A committed chunk.
     *
     * @param chunk its number
     * @param transactionId the CommissionPacks transaction
     * @param block its block
     * @param unserialisedRemaining what the contract answered: the owner's units of the batch still without serials
     */
    record Commit(int chunk, String transactionId, long block, long unserialisedRemaining) {
    }

    /**
     * A refused chunk.
     *
     * @param chunk its number
     * @param code the contract's error code, or the validation code of a transaction that never committed
     * @param message what the refusal said
     */
    record Failure(int chunk, String code, String message) {
    }

    /** A new job, queued. */
    static SerialUpload queued(final String id, final Owner owner, final String gtin, final String lot,
            final int total, final int chunkSize, final Instant now) {
        return new SerialUpload(id, owner, gtin, lot, total, chunkSize, State.QUEUED, 0, 0, null, null, null,
                now.toString(), null, now.toString(), null);
    }

    /** How many chunks the upload makes. */
    int chunks() {
        return (total + chunkSize - 1) / chunkSize;
    }

    /** The index in the upload of a chunk's first serial. */
    int firstIndexOf(final int chunk) {
        return (chunk - 1) * chunkSize;
    }

    /** How many serials a chunk holds. */
    int sizeOf(final int chunk) {
        return Math.min(chunkSize, total - firstIndexOf(chunk));
    }

    /** The chunk to commission next. */
    int nextChunk() {
        return chunksDone + 1;
    }

    boolean finished() {
        return state == State.DONE || state == State.FAILED;
    }

    /** Serials not commissioned yet (none of a finished job are still to come). */
    long outstanding() {
        return finished() ? 0 : total - commissioned;
    }

    SerialUpload running(final Instant now) {
        return new SerialUpload(id, owner, gtin, lot, total, chunkSize, State.RUNNING, chunksDone, commissioned,
                inFlight, lastCommit, failure, createdAt, startedAt == null ? now.toString() : startedAt,
                now.toString(), finishedAt);
    }

    SerialUpload sending(final long fromBlock, final Instant now) {
        return new SerialUpload(id, owner, gtin, lot, total, chunkSize, state, chunksDone, commissioned,
                new InFlight(nextChunk(), fromBlock), lastCommit, failure, createdAt, startedAt, now.toString(),
                finishedAt);
    }

    SerialUpload committed(final Commit commit, final Instant now) {
        final boolean last = commit.chunk() == chunks();
        return new SerialUpload(id, owner, gtin, lot, total, chunkSize, last ? State.DONE : State.RUNNING,
                commit.chunk(), commissioned + sizeOf(commit.chunk()), null, commit, failure, createdAt, startedAt,
                now.toString(), last ? now.toString() : finishedAt);
    }

    SerialUpload failed(final Failure why, final Instant now) {
        return new SerialUpload(id, owner, gtin, lot, total, chunkSize, State.FAILED, chunksDone, commissioned, null,
                lastCommit, why, createdAt, startedAt, now.toString(), now.toString());
    }

    /** The job as the API answers it: everything but the owner's certificate. */
    ObjectNode answer() {
        final ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("id", id);
        answer.put("gtin", gtin);
        answer.put("lot", lot);
        answer.put("state", state.name());
        answer.put("total", total);
        answer.put("commissioned", commissioned);
        answer.putObject("chunks").put("size", chunkSize).put("done", chunksDone).put("total", chunks());
        if (lastCommit != null) {
            answer.putObject("lastCommit").put("chunk", lastCommit.chunk())
                    .put("transactionId", lastCommit.transactionId()).put("block", lastCommit.block())
                    .put("unserialisedRemaining", lastCommit.unserialisedRemaining());
        }
        if (failure != null) {
            answer.putObject("failure").put("chunk", failure.chunk())
                    .put("firstIndex", firstIndexOf(failure.chunk())).put("serials", sizeOf(failure.chunk()))
                    .put("code", failure.code()).put("message", failure.message());
        }
        answer.put("detail", detail());
        answer.put("createdAt", createdAt);
        answer.put("startedAt", startedAt);
        answer.put("updatedAt", updatedAt);
        answer.put("finishedAt", finishedAt);
        return answer;
    }

    /** What the state means, in a sentence. */
    private String detail() {
        return switch (state) {
            case QUEUED -> "queued: " + count(total, "serial") + " in " + count(chunks(), "chunk")
                    + "; uploads run one after another, in the order they were accepted";
            case RUNNING -> String.format(Locale.ROOT, "%,d of %,d serials commissioned (%,d of %,d chunks)",
                    commissioned, total, chunksDone, chunks());
            case DONE -> "all " + count(total, "serial") + " commissioned in " + count(chunks(), "chunk");
            case FAILED -> "chunk " + failure.chunk() + " of " + chunks() + " was refused with " + failure.code()
                    + ": serials[" + firstIndexOf(failure.chunk()) + "] to the end (" + count(total - commissioned,
                    "serial") + ") were not commissioned, and the " + count(commissioned, "serial") + " of the "
                    + count(chunksDone, "chunk") + " before it stay commissioned";
        };
    }

    private static String count(final long n, final String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
