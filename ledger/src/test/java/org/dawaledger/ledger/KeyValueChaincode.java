package org.dawaledger.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** A chaincode of plain keys for the ledger's own tests: each function exercises one part of Fabric's semantics. */
final class KeyValueChaincode implements Chaincode {
    @Override
    public Response init(final ChaincodeStub stub) {
        return ResponseUtils.newSuccessResponse();
    }

    @Override
    public Response invoke(final ChaincodeStub stub) {
        final List<String> args = stub.getParameters();
        try {
            return switch (stub.getFunction()) {
                case "put" -> {
                    stub.putStringState(args.get(0), args.get(1));
                    yield ok(args.get(1));
                }
                case "putEach" -> {
                    // One value under several keys: a crash that kept part of a transaction shows as keys missing.
                    for (final String key : args.subList(1, args.size())) {
                        stub.putStringState(key, args.get(0));
                    }
                    yield ok(args.get(0));
                }
                case "get" -> ok(stub.getStringState(args.get(0)));
                case "delete" -> {
                    stub.delState(args.get(0));
                    yield ok("");
                }
                case "putThenGet" -> {
                    stub.putStringState(args.get(0), args.get(1));
                    yield ok(stub.getStringState(args.get(0)));
                }
                case "increment" -> {
                    final String current = stub.getStringState(args.get(0));
                    final int next = (current.isEmpty() ? 0 : Integer.parseInt(current)) + 1;
                    stub.putStringState(args.get(0), Integer.toString(next));
                    yield ok(Integer.toString(next));
                }
                case "countRange" -> {
                    int count = 0;
                    try (QueryResultsIterator<KeyValue> rows = stub.getStateByRange(args.get(0), args.get(1))) {
                        for (final KeyValue ignored : rows) {
                            count++;
                        }
                    }
                    stub.putStringState(args.get(2), Integer.toString(count));
                    yield ok(Integer.toString(count));
                }
                case "page" -> {
                    final List<String> keys = new ArrayList<>();
                    final String bookmark;
                    try (QueryResultsIteratorWithMetadata<KeyValue> rows = stub.getStateByRangeWithPagination(
                            args.get(0), args.get(1), Integer.parseInt(args.get(2)), args.get(3))) {
                        rows.forEach(row -> keys.add(row.getKey()));
                        bookmark = rows.getMetadata().getBookmark();
                    }
                    yield ok(String.join(",", keys) + "|" + bookmark);
                }
                case "history" -> {
                    final List<String> entries = new ArrayList<>();
                    try (QueryResultsIterator<KeyModification> rows = stub.getHistoryForKey(args.get(0))) {
                        rows.forEach(row -> entries.add(row.isDeleted() ? "(deleted)" : row.getStringValue()));
                    }
                    yield ok(String.join(",", entries));
                }
                case "emit" -> {
                    stub.putStringState(args.get(0), args.get(1));
                    stub.setEvent(args.get(2), args.get(1).getBytes(UTF_8));
                    yield ok("");
                }
                case "time" -> ok(stub.getTxTimestamp().toString());
                case "whoRuns" -> ok(stub.getMspId());
                case "refuse" -> ResponseUtils.newErrorResponse("[NOT_ALLOWED] " + args.get(0));
                default -> ResponseUtils.newErrorResponse("[UNKNOWN_FUNCTION] " + stub.getFunction());
            };
        } catch (Exception e) {
            return ResponseUtils.newErrorResponse(e);
        }
    }

    private static Response ok(final String answer) {
        return ResponseUtils.newSuccessResponse(answer.getBytes(UTF_8));
    }
}
