/**
 * The client API of a member over RSocket: routes (KV, streamed range, cluster, maintenance),
 * limits, admission and transports.
 *
 * <h2>Transports and setup</h2>
 * {@link io.eddy.server.api.ApiServer} listens on the member's client address
 * ({@code listen-client}, {@code NodeConfig.clientAddress()}) with RSocket over TCP (Reactor
 * Netty) and, when {@code listen-client-websocket} is set (off by default; {@code ./eddy up}
 * sets it to the client port + 2), with RSocket over WebSocket on that address (any path).
 * Both transports share the routes, the limits and the member-wide admission count. The
 * connection's metadata MIME type must be {@code message/x.rsocket.composite-metadata.v0}; any
 * other setup is rejected ({@code REJECTED_SETUP}). Payloads use RSocket's default (copying)
 * decoder. Each connection gets its own {@link io.eddy.server.api.ConnectionResponder} (size
 * checks and admission) in front of the shared {@link io.eddy.server.api.ApiResponder} (routing).
 *
 * <h2>Sizes and frames</h2>
 * <ul>
 *   <li>A request whose data is larger than {@code limits.max-request-bytes} (1.5 MiB), or whose
 *       metadata is larger than 16 KiB, is answered {@code REQUEST_TOO_LARGE} before anything
 *       parses it.</li>
 *   <li>RSocket frames are at most 16 MiB (a 24-bit length; the transports' frame limit is set
 *       to that, so no transport ever refuses a frame, which would close the connection). A
 *       client cannot send a larger unfragmented request (RSocket refuses it on the client).</li>
 *   <li>Fragmented requests ({@code RSocketConnector.fragment(mtu)}) are reassembled up to
 *       {@link io.eddy.server.api.ApiServer#maxInboundPayloadSize} (16 MiB, or the request limit
 *       plus room for metadata when larger), then checked as above. Past that cap RSocket 1.1.5
 *       itself ends that stream with {@code CANCELED} ("Failed to reassemble payload"); the
 *       connection and its other streams carry on. What reassembly holds meanwhile is not
 *       admitted yet: each reassembling stream may hold up to the cap.</li>
 *   <li>Responses larger than 64 KiB are sent in 64 KiB fragments, so a large response neither
 *       fails at the frame limit nor holds up the connection's other streams.</li>
 * </ul>
 *
 * <h2>Admission</h2>
 * An interaction is in flight from the moment it passes the size checks until it ends: a
 * request-response until it is answered, fails or is cancelled; a request-stream until it
 * completes, fails or is cancelled. RSocket cancels every open interaction of a connection when
 * it closes. At most {@code api.max-in-flight-per-connection} (1024) are in flight on one
 * connection and {@code api.max-in-flight} (8192) on the member, all connections and transports
 * together; one more is answered {@code TOO_MANY_REQUESTS} at once (retryable after backing off,
 * never committed), so overload costs an error frame, not memory. A stream counts for its whole
 * life, whatever its demand. Watches (route {@code watch}) are the exception: they take no
 * request slot but one of {@code api.max-watches} (100,000) per member for their whole life
 * (a watcher's memory is bounded, see the watch package), so thousands of watches on a
 * connection never starve its requests; one watch more is answered {@code TOO_MANY_REQUESTS}
 * naming {@code api.max-watches}. The two slots of an interaction are given back exactly once,
 * whichever way it ends. Cancelling a write does not unsubmit it (see Threading).
 *
 * <h2>Outbound flow control of watches</h2>
 * Demand ({@code REQUEST_N}) says what a client accepts; it does not say what its connection
 * carries, and RSocket queues whatever a stream emits in front of the socket, unbounded. So
 * each TCP connection has a {@code ChannelOutbound} (found through {@code ConnectionOutbounds}:
 * the TCP server's connection hook creates it, an RSocket connection interceptor lets each
 * inbound frame mark it, and a watch request picks up the one marked by its own frame), which
 * the watch hub consults before each element: after 256 KiB of elements handed to it, it is
 * closed until its event loop has passed them to a writable socket; watchers of a closed
 * connection keep only their cursor and are woken when it opens. Measured: a connection that
 * stops reading is handed a bounded number of elements, and when it reads again every watch
 * gets every event in order ({@code WatchOutboundTest}). WebSocket connections and the bounded
 * streams ({@code kv.rangeStream}, {@code maintenance.snapshot}, one page per requested
 * element) go without it.
 *
 * <h2>Interactions other than request-response and request-stream</h2>
 * Request-channel is answered {@code UNKNOWN_ROUTE} on its stream. Fire-and-forget and metadata
 * push cannot be answered: they are dropped (RSocket logs the refusal at debug level) and are
 * never applied. A {@code REQUEST_N} of zero or less (initial or later) is not a protocol error
 * in RSocket 1.1.5: it reaches the route's publisher, where Reactor ignores it, so the stream
 * simply gets no demand from it; the connection is unaffected. A {@code REQUEST_N} for an
 * unknown stream is ignored.
 *
 * <h2>Routing</h2>
 * Every request carries, in its composite metadata, a routing entry
 * ({@code message/x.rsocket.routing.v0}); its first tag is the route. Request-response routes
 * (see {@link io.eddy.protocol.Routes}): {@code kv.range}, {@code kv.put}, {@code kv.delete},
 * {@code kv.txn}, {@code kv.compact}; {@code cluster.members}, {@code cluster.add},
 * {@code cluster.remove}, {@code cluster.promote}, {@code cluster.moveLeader}
 * ({@link io.eddy.server.api.ClusterRoutes}); {@code maintenance.status}
 * ({@link io.eddy.server.api.MaintenanceRoutes}); {@code watch.progress}
 * ({@link io.eddy.server.api.WatchRoutes}: a {@code WatchProgressRequest} listing watch ids, as
 * the created elements of this member's {@code watch} streams and the {@code range_done}
 * elements of its {@code kv.rangeThenWatch} streams give them, to a {@code WatchProgressResponse}
 * saying how many it knows; answered once the watch hub has taken the request, without waiting
 * for the notifications, which each named watch then gets on its own stream as described in
 * the {@link io.eddy.server.watch} package; unknown ids are ignored, not an error).
 * Request-stream routes: {@code kv.rangeStream};
 * {@code kv.rangeThenWatch} (a range at R, then the watch from R + 1; see below);
 * {@code watch} ({@link io.eddy.server.api.WatchRoutes}: a {@code WatchCreateRequest} to
 * {@code WatchResponse}s, the created element then whole revisions of events, each element only
 * against demand; model and guarantees in the {@link io.eddy.server.watch} package; a range end
 * at or before the key is INVALID_ARGUMENT, an empty key EMPTY_KEY, a compacted start revision
 * COMPACTED with the compact revision);
 * {@code maintenance.snapshot} ({@link io.eddy.server.api.SnapshotStream}: chunks of an engine
 * backup of the member's store, the last one with the SHA-256 of all). Data is the route's
 * protobuf request; the response data (each element, for a stream) is the matching protobuf
 * response with a full header. A route used with the other interaction is refused with
 * UNKNOWN_ROUTE.
 * Cluster and maintenance calls block in Ratis or storage: they run on the node's bounded
 * admin executor ({@code EddyNode.admin}; TOO_MANY_REQUESTS when its queue is full), the
 * snapshot's chunk reads on Reactor's bounded-elastic workers, one per requested element.
 * Membership errors: MEMBER_NOT_FOUND, MEMBER_EXISTS, MEMBER_NOT_LEARNER, LEARNER_NOT_READY,
 * INVALID_ARGUMENT (see {@code docs/operations.md}). A write may carry a request id
 * entry ({@code message/x.eddy.request-id.v0}: 16 bytes, client id then sequence, big-endian;
 * see {@link io.eddy.protocol.Routes#REQUEST_ID_MIME_TYPE}): a write resent with the same id
 * within two minutes gets its first result back and is not applied again; an id that is not
 * 16 bytes is refused with INVALID_ARGUMENT. Other entries are ignored for now (auth token
 * later).
 *
 * <h2>Streamed range: {@code kv.rangeStream} (request-stream)</h2>
 * Data: a {@code RangeRequest}; answer: a stream of {@code RangeResponse} chunks of the range in
 * ascending key order ({@link io.eddy.server.api.RangeChunks}, over
 * {@link io.eddy.server.node.RangeStreams}).
 * <ul>
 *   <li><b>Pinned revision.</b> Every chunk is read at one revision R and carries R as its
 *       header revision (unlike {@code kv.range}, whose header is the current revision). R is
 *       pinned when the first chunk is requested: by default with a linearizable read (ReadIndex)
 *       through the member, so the member has applied R before the first page is read; with
 *       {@code serializable}, R is the member's own revision (and each chunk's header has
 *       {@code maybe_stale} as for a serializable read). A request's {@code revision}, when set,
 *       is R (FUTURE_REVISION above the current revision). If R is compacted while the stream
 *       runs, the next chunk fails with COMPACTED and the stream ends.</li>
 *   <li><b>Chunks.</b> At most {@link io.eddy.server.node.RangeStreams#MAX_PAGE_KEYS} keys and,
 *       after the first key, at most {@link io.eddy.server.node.RangeStreams#MAX_PAGE_BYTES} of
 *       serialized keys per chunk, whichever comes first. Each chunk is one short storage read
 *       (keyset pagination from the key after the previous chunk's last key) on the member's
 *       bounded local-read executor, never on a Netty event loop; a full executor queue ends
 *       the stream with TOO_MANY_REQUESTS. {@code count} is the number of keys in that chunk;
 *       {@code more} is true when keys of the range may follow (on the last chunk: when
 *       {@code limit} cut keys off). Every chunk holds at least one key, except that an empty
 *       result is exactly one empty chunk (so the client still learns R).</li>
 *   <li><b>Options.</b> {@code key}, {@code range_end} (etcd's conventions), {@code revision},
 *       {@code limit} (total keys over all chunks), {@code keys_only}, {@code serializable}, and
 *       the min/max mod/create revision filters (applied per key; a chunk visits at most
 *       {@link io.eddy.server.node.RangeStreams#MAX_PAGE_SCANNED} keys, and chunks whose keys
 *       were all filtered out are not sent). {@code count_only} and any sort other than
 *       ascending by key are refused with INVALID_ARGUMENT (use {@code kv.range}).</li>
 *   <li><b>Demand.</b> A page is read only while the requester has outstanding demand
 *       (RSocket {@code REQUEST_N} reaches the route exactly): one requested chunk costs one
 *       page read, nothing is read ahead, and at most one page is in memory per stream,
 *       whatever the range's size. Cancelling the stream stops it before its next page (a page
 *       being read finishes and is dropped).</li>
 *   <li><b>Resuming.</b> A client that lost the stream continues on any member with
 *       {@code revision} = R, {@code key} = last key received + {@code \0}, the same
 *       {@code range_end}, and the remaining {@code limit}.</li>
 * </ul>
 *
 * <h2>Snapshot then tail: {@code kv.rangeThenWatch} (request-stream)</h2>
 * Data: a {@code RangeThenWatchRequest} (a {@code RangeRequest} and a {@code WatchCreateRequest});
 * answer: a stream of {@code RangeThenWatchResponse}s ({@link io.eddy.server.api.RangeThenWatchStream}):
 * the range's chunks at a pinned revision R (exactly as {@code kv.rangeStream}: same pin rules,
 * chunk sizes, at least one chunk, header revision R), then one {@code range_done} element
 * (header revision R), then the watch's elements from R + 1 (as on the {@code watch} route, without
 * the created element: {@code range_done} is it, and carries the watch's id for
 * {@code watch.progress}). The "list then watch" of a cache in one stream:
 * the watch replays the change log from R + 1 whenever it registers, so nothing changed after R is
 * missed and nothing at or before R is sent twice; a cache filled from the chunks and updated by
 * every event equals the range at the latest event's revision.
 * <ul>
 *   <li><b>Requests.</b> Both parts are required. The range must be streamable (no
 *       {@code count_only}, ascending key order) and whole: {@code limit} and the min/max
 *       revision filters are refused. Its keys must lie within the watched range (an empty range
 *       is allowed). {@code watch.start_revision} must be 0. Each refusal is INVALID_ARGUMENT
 *       (EMPTY_KEY / KEY_TOO_LARGE for the watch's key), sent before anything is read or
 *       registered.</li>
 *   <li><b>Demand.</b> Each stream element comes from exactly one element of its part (a page
 *       read, the created element, a watch element), so {@code REQUEST_N} passes through
 *       unchanged: one requested element is one chunk, the {@code range_done}, or one watch
 *       element, never more. The watcher registers when the last chunk has been read, whatever
 *       the demand; without demand it holds only its next revision.</li>
 *   <li><b>Compaction.</b> R compacted while the range runs: the next chunk fails with
 *       COMPACTED; compacted past R + 1 before the watcher registers: the watch fails with
 *       COMPACTED; later, as any watch. Either way the requester must list again.</li>
 *   <li><b>Cancelling</b> stops the range before its next page or unregisters the watcher.</li>
 *   <li><b>Resuming.</b> Before {@code range_done} arrived: send the route again with
 *       {@code range.revision} = R and {@code range.key} = last key received + {@code \0} (the same
 *       watch; a single-key range gets {@code range_end} = key + {@code \0} so that it becomes
 *       empty). After it: a {@code watch} from the revision after the last complete element's
 *       header revision.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * A failure is an RSocket {@code APPLICATION_ERROR} with a custom code
 * ({@link io.rsocket.exceptions.CustomRSocketException}): the code is the
 * {@link io.eddy.protocol.ErrorCode} number (all ≥ 0x301) and the message is
 * {@link io.eddy.server.api.ErrorCodec}'s text form, two lines:
 * <pre>
 * COMPACTED: required revision 3 has been compacted; compact revision is 5
 * eddy-error-v1:CKBGEj...   (Base64, RFC 4648 basic alphabet, of the serialized eddy.Error)
 * </pre>
 * The first line is for people; the second keeps every field of the {@link io.eddy.protocol.Error}
 * (compact revision, current revision, leader hint). {@link io.eddy.server.api.ErrorCodec#decode}
 * reads it back, falling back to the code and the whole message when the second line is absent.
 * Sources of errors:
 * <ul>
 *   <li>a write's {@code CommandResult} holding an {@code Error} (user errors), or an
 *       {@link io.eddy.server.errors.EddyException} from the node (user errors of reads such as
 *       {@code COMPACTED}, and cluster failures such as {@code NO_LEADER}, {@code TIMEOUT});</li>
 *   <li>no routing metadata, or composite metadata that cannot be parsed:
 *       {@code INVALID_ARGUMENT};</li>
 *   <li>a route this member does not serve: {@code UNKNOWN_ROUTE};</li>
 *   <li>data that does not parse as the route's request message: {@code BAD_PAYLOAD};</li>
 *   <li>a request over the size limits: {@code REQUEST_TOO_LARGE}; over the in-flight limits:
 *       {@code TOO_MANY_REQUESTS} (see above);</li>
 *   <li>anything unexpected (a bug): {@code INTERNAL}, logged.</li>
 * </ul>
 * An error ends only its own stream: the connection keeps serving its other streams.
 *
 * <h2>Threading</h2>
 * Handlers never block: they parse the request on the calling (Netty) thread, then hand the
 * node's {@code CompletableFuture} to Reactor ({@code Mono.fromFuture}); the response (or a
 * stream's chunk) is sent from whichever thread completes it. Cancelling a request does not cancel the write: once
 * submitted, it may still be applied.
 */
package io.eddy.server.api;
