package io.eddy.server.api;

import io.eddy.protocol.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.rsocket.Payload;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.WellKnownMimeType;
import java.util.Iterator;

/** Reads the route from a request's composite metadata. */
final class RouteMetadata {
    static final String ROUTING = WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString();

    private RouteMetadata() {
    }

    /**
     * The first routing tag of {@code payload}'s composite metadata.
     *
     * @throws io.rsocket.exceptions.CustomRSocketException INVALID_ARGUMENT when there is no
     *         routing entry (or no tag in it), or the metadata is not valid composite metadata
     */
    static String route(Payload payload) {
        if (payload.hasMetadata()) {
            ByteBuf metadata = payload.sliceMetadata();
            try {
                for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
                    if (ROUTING.equals(entry.getMimeType())) {
                        Iterator<String> tags = new RoutingMetadata(entry.getContent()).iterator();
                        if (tags.hasNext()) {
                            return tags.next();
                        }
                    }
                }
            } catch (RuntimeException e) {
                throw ApiErrors.toRSocket(ErrorCode.INVALID_ARGUMENT,
                        "metadata is not valid composite metadata (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw ApiErrors.toRSocket(ErrorCode.INVALID_ARGUMENT,
                "no route: the request needs " + ROUTING + " in its composite metadata");
    }
}
