/**
 * Runnable samples of the reactive client, each a program to copy from and each tested against
 * a real 3-member cluster (see {@code samples/README.md} for how to run them):
 * <ul>
 *   <li>{@link io.eddy.samples.ConfigWatcher}: an immutable configuration snapshot of a prefix,
 *       rebuilt on every change (list then watch, no gap).</li>
 *   <li>{@link io.eddy.samples.ChangeFeedConsumer}: a change feed with a checkpoint file
 *       ({@link io.eddy.samples.Checkpoint}), resumed after a restart without loss or repeat,
 *       re-listed after COMPACTED.</li>
 *   <li>{@link io.eddy.samples.CompareAndSwap}: optimistic concurrency with a transaction on a
 *       mod revision, retries, and what {@code isRetryable}/{@code isMaybeCommitted} mean for it.</li>
 *   <li>{@code EddyCoroutines.kt} and {@code KotlinSample.kt} (in {@code src/main/kotlin}):
 *       suspend functions and a {@code Flow} over the client for Kotlin users.</li>
 * </ul>
 * Each sample's logic is a public static method taking an {@link io.eddy.client.EddyClient} (or
 * its {@link io.eddy.client.KvClient}); {@code main} connects to {@code --endpoints}, else
 * {@code EDDY_ENDPOINTS}, else {@code ./eddy up}'s members.
 */
package io.eddy.samples;
