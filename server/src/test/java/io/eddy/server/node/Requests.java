package io.eddy.server.node;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Test helpers: requests with string keys, and blocking calls with a bound. */
final class Requests {
    private Requests() {
    }

    static ByteString bytes(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    static Command put(String key, String value) {
        return Command.newBuilder().setPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value))).build();
    }

    static RangeRequest get(String key, boolean serializable) {
        return RangeRequest.newBuilder().setKey(bytes(key)).setSerializable(serializable).build();
    }

    static CommandResult write(EddyNode node, Command command) throws Exception {
        return node.write(command).get(20, TimeUnit.SECONDS);
    }

    static RangeResponse read(EddyNode node, RangeRequest request) throws Exception {
        return node.range(request).get(20, TimeUnit.SECONDS);
    }
}
