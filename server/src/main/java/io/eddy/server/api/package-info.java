/**
 * The client API of a member over RSocket: the KV, cluster and maintenance routes.
 *
 * <h2>Transport and setup</h2>
 * {@link io.eddy.server.api.ApiServer} listens on the member's client address
 * ({@code NodeConfig.clientAddress()}) with RSocket over TCP (Reactor Netty). The connection's
 * metadata MIME type must be {@code message/x.rsocket.composite-metadata.v0}; any other setup
 * is rejected ({@code REJECTED_SETUP}). Payloads use RSocket's default (copying) decoder.
 *
 * <h2>Routing</h2>
 * Every request carries, in its composite metadata, a routing entry
 * ({@code message/x.rsocket.routing.v0}); its first tag is the route. Request-response routes
 * (see {@link io.eddy.protocol.Routes}): {@code kv.range}, {@code kv.put}, {@code kv.delete},
 * {@code kv.txn}, {@code kv.compact}; {@code cluster.members}, {@code cluster.add},
 * {@code cluster.remove}, {@code cluster.promote}, {@code cluster.moveLeader}
 * ({@link io.eddy.server.api.ClusterRoutes}); {@code maintenance.status}
 * ({@link io.eddy.server.api.MaintenanceRoutes}). Request-stream routes:
 * {@code maintenance.snapshot} ({@link io.eddy.server.api.SnapshotStream}: chunks of an engine
 * backup of the member's store, the last one with the SHA-256 of all). Data is the route's
 * protobuf request; the response data is the matching protobuf response with a full header.
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
 *   <li>anything unexpected (a bug): {@code INTERNAL}, logged.</li>
 * </ul>
 * An error ends only its own stream: the connection keeps serving its other streams.
 *
 * <h2>Threading</h2>
 * Handlers never block: they parse the request on the calling (Netty) thread, then hand the
 * node's {@code CompletableFuture} to Reactor ({@code Mono.fromFuture}); the response is sent
 * from whichever thread completes it. Cancelling a request does not cancel the write: once
 * submitted, it may still be applied.
 */
package io.eddy.server.api;
