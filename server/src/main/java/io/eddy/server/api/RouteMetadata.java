package io.eddy.server.api;

import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.RequestId;
import io.eddy.protocol.Routes;
import io.netty.buffer.ByteBuf;
import io.rsocket.Payload;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.WellKnownMimeType;
import java.util.Iterator;

/**
 * Reads a request's composite metadata: the route (routing extension) and, for writes, the
 * request id ({@link Routes#REQUEST_ID_MIME_TYPE}).
 *
 * @param route     the first routing tag
 * @param requestId the write's request id, or the default instance (no id) when absent
 */
record RouteMetadata(String route, RequestId requestId) {
    static final String ROUTING = WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString();
    private static final int REQUEST_ID_BYTES = 16;

    /**
     * Parses {@code payload}'s composite metadata.
     *
     * @throws io.rsocket.exceptions.CustomRSocketException INVALID_ARGUMENT when there is no
     *         routing entry (or no tag in it), the request id is not 16 bytes, or the metadata
     *         is not valid composite metadata
     */
    static RouteMetadata parse(Payload payload) {
        String route = null;
        RequestId requestId = RequestId.getDefaultInstance();
        if (payload.hasMetadata()) {
            ByteBuf metadata = payload.sliceMetadata();
            try {
                for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
                    if (route == null && ROUTING.equals(entry.getMimeType())) {
                        Iterator<String> tags = new RoutingMetadata(entry.getContent()).iterator();
                        route = tags.hasNext() ? tags.next() : null;
                    } else if (Routes.REQUEST_ID_MIME_TYPE.equals(entry.getMimeType())) {
                        requestId = requestId(entry.getContent());
                    }
                }
            } catch (io.rsocket.exceptions.CustomRSocketException e) {
                throw e;
            } catch (RuntimeException e) {
                throw ApiErrors.toRSocket(ErrorCode.INVALID_ARGUMENT,
                        "metadata is not valid composite metadata (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (route == null) {
            throw ApiErrors.toRSocket(ErrorCode.INVALID_ARGUMENT,
                    "no route: the request needs " + ROUTING + " in its composite metadata");
        }
        return new RouteMetadata(route, requestId);
    }

    private static RequestId requestId(ByteBuf content) {
        if (content.readableBytes() != REQUEST_ID_BYTES) {
            throw ApiErrors.toRSocket(ErrorCode.INVALID_ARGUMENT, Routes.REQUEST_ID_MIME_TYPE + " must be "
                    + REQUEST_ID_BYTES + " bytes, got " + content.readableBytes());
        }
        int at = content.readerIndex();
        return RequestId.newBuilder().setClientId(content.getLong(at)).setSequence(content.getLong(at + 8)).build();
    }
}
