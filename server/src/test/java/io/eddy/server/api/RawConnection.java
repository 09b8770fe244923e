package io.eddy.server.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rsocket.frame.ErrorFrameCodec;
import io.rsocket.frame.FrameHeaderCodec;
import io.rsocket.frame.FrameType;
import io.rsocket.frame.PayloadFrameCodec;
import io.rsocket.frame.RequestNFrameCodec;
import io.rsocket.frame.RequestResponseFrameCodec;
import io.rsocket.frame.RequestStreamFrameCodec;
import io.rsocket.frame.SetupFrameCodec;
import io.rsocket.util.EmptyPayload;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * An RSocket connection written frame by frame over a plain socket, to send what a well-behaved
 * RSocket library refuses to (REQUEST_N of zero or less). Reads block the test thread, bounded
 * by a socket timeout.
 */
final class RawConnection implements AutoCloseable {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    /** Offset of REQUEST_N's n and of REQUEST_STREAM's initial n: right after the 6-byte header. */
    private static final int N_OFFSET = FrameHeaderCodec.size();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    /** One received frame. */
    record Frame(int streamId, FrameType type, int errorCode, String errorText) {
    }

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and sends SETUP with composite metadata (keep-alive long enough for a test). */
    static RawConnection open(InetSocketAddress address) throws IOException {
        return open(address, 0);
    }

    /** As {@link #open(InetSocketAddress)}, with a socket receive buffer of {@code receiveBuffer} bytes when positive. */
    static RawConnection open(InetSocketAddress address, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(address);
        socket.setSoTimeout(30_000);
        RawConnection connection = new RawConnection(socket);
        connection.send(SetupFrameCodec.encode(ALLOC, false, 60_000, 300_000, ApiServer.COMPOSITE,
                "application/x-protobuf", EmptyPayload.INSTANCE));
        return connection;
    }

    void requestResponse(int streamId, String route, byte[] data) throws IOException {
        send(RequestResponseFrameCodec.encode(ALLOC, streamId, false, ApiClient.routing(route),
                Unpooled.wrappedBuffer(data)));
    }

    /** A REQUEST_STREAM frame with any initial n, zero and negative included. */
    void requestStream(int streamId, String route, byte[] data, int initialN) throws IOException {
        ByteBuf frame = RequestStreamFrameCodec.encode(ALLOC, streamId, false, 1, ApiClient.routing(route),
                Unpooled.wrappedBuffer(data));
        frame.setInt(N_OFFSET, initialN);
        send(frame);
    }

    /** A REQUEST_N frame with any n, zero and negative included. */
    void requestN(int streamId, int n) throws IOException {
        ByteBuf frame = RequestNFrameCodec.encode(ALLOC, streamId, 1);
        frame.setInt(N_OFFSET, n);
        send(frame);
    }

    /** A received PAYLOAD frame's stream and data (other frames have empty data). */
    record Data(int streamId, FrameType type, byte[] data) {
    }

    /**
     * The next frame other than KEEPALIVE with its data, fragments reassembled (a payload
     * split with FOLLOWS comes back whole); fails after the socket timeout.
     */
    Data nextData() throws IOException {
        java.io.ByteArrayOutputStream fragments = new java.io.ByteArrayOutputStream();
        while (true) {
            ByteBuf frame = nextFrame();
            FrameType type = FrameHeaderCodec.frameType(frame);
            boolean payload = type == FrameType.NEXT || type == FrameType.NEXT_COMPLETE || type == FrameType.PAYLOAD;
            if (payload) {
                fragments.write(ByteBufUtil.getBytes(PayloadFrameCodec.data(frame)));
                if (FrameHeaderCodec.hasFollows(frame)) {
                    continue;
                }
            }
            return new Data(FrameHeaderCodec.streamId(frame), type, fragments.toByteArray());
        }
    }

    /** The next frame other than KEEPALIVE; fails after the socket timeout. */
    Frame next() throws IOException {
        ByteBuf frame = nextFrame();
        FrameType type = FrameHeaderCodec.frameType(frame);
        int streamId = FrameHeaderCodec.streamId(frame);
        if (type == FrameType.ERROR) {
            return new Frame(streamId, type, ErrorFrameCodec.errorCode(frame),
                    ErrorFrameCodec.data(frame).toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Frame(streamId, type, 0, "");
    }

    /** Reads length-prefixed frames until one that is not a KEEPALIVE. */
    private ByteBuf nextFrame() throws IOException {
        while (true) {
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            ByteBuf frame = Unpooled.wrappedBuffer(bytes);
            if (FrameHeaderCodec.frameType(frame) != FrameType.KEEPALIVE) {
                return frame;
            }
        }
    }

    private void send(ByteBuf frame) throws IOException {
        try {
            int length = frame.readableBytes();
            out.write(new byte[] {(byte) (length >> 16), (byte) (length >> 8), (byte) length});
            out.write(ByteBufUtil.getBytes(frame));
            out.flush();
        } finally {
            frame.release();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
