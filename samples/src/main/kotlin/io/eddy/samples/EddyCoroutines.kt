// Kotlin coroutines over Eddy's reactive client: suspend functions instead of Mono, Flow instead
// of Flux. Copy this file into a Kotlin project that depends on eddy-client-reactive and
// org.jetbrains.kotlinx:kotlinx-coroutines-reactor.
@file:JvmName("EddyCoroutines")

package io.eddy.samples

import io.eddy.client.ByteSequence
import io.eddy.client.DeleteOptions
import io.eddy.client.GetOptions
import io.eddy.client.KeyValue
import io.eddy.client.KvClient
import io.eddy.client.Txn
import io.eddy.client.TxnResult
import io.eddy.client.WatchBatch
import io.eddy.client.WatchClient
import io.eddy.client.WatchOptions
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactive.awaitSingle

// Each function subscribes to the client's cold Mono when called and suspends until it answers;
// cancelling the coroutine cancels the request. Failures are thrown as the client's
// EddyClientException subclasses (catch RevisionException, check isRetryable(), ...).
// The names take String keys, so they do not clash with KvClient's own methods (a member
// always wins over an extension with the same signature).

/** The UTF-8 bytes of this string, as a key or value. */
val String.bytes: ByteSequence get() = ByteSequence.fromUtf8(this)

/** The value of [key] (with its revisions), or null when the key does not exist. */
suspend fun KvClient.get(key: String): KeyValue? = get(key.bytes).awaitSingle().kvs().firstOrNull()

/** Every key starting with [prefix] and its value, in key order (one linearizable read). */
suspend fun KvClient.getPrefix(prefix: String): Map<String, String> =
    get(prefix.bytes, GetOptions.prefix(prefix.bytes)).awaitSingle().kvs()
        .associate { it.key().toUtf8() to it.value().toUtf8() }

/** Sets [key] to [value]; returns the revision of the write. */
suspend fun KvClient.put(key: String, value: String): Long = put(key.bytes, value.bytes).awaitSingle().header().revision()

/** Deletes [key]; returns how many keys were deleted (0 or 1). */
suspend fun KvClient.delete(key: String): Long = delete(key.bytes, DeleteOptions.DEFAULTS).awaitSingle().deleted()

/** Commits this transaction and returns its result. */
suspend fun Txn.await(): TxnResult = commit().awaitSingle()

/**
 * The changes of every key starting with [prefix] as a cold [Flow]: collecting starts the watch,
 * cancelling the collector (or `take(n)`, `first { }`) ends it. [startRevision] 0 means from now.
 *
 * Demand still flows to the server: `asFlow` requests as many batches as its buffer holds, and
 * `buffer(Channel.RENDEZVOUS)` makes that one at a time, so a slow collector costs the member a
 * cursor, not memory. Resume after a lost member, ordering and no-gap guarantees are the client's.
 */
fun WatchClient.watchFlow(prefix: String, startRevision: Long = 0): Flow<WatchBatch> =
    watch(prefix.bytes, WatchOptions.prefix(prefix.bytes).withStartRevision(startRevision))
        .asFlow()
        .buffer(Channel.RENDEZVOUS)
