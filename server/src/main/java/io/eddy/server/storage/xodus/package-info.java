/**
 * The on-disk storage engine, on JetBrains Xodus 2.0.1 ({@code xodus-environment}).
 *
 * <p>Mapping of the {@link io.eddy.server.storage storage contract} onto Xodus:
 * <ul>
 *   <li>One Xodus {@code Environment} per {@link io.eddy.server.storage.xodus.XodusEngine},
 *       in the engine's directory (Xodus locks it: a second engine on the same directory
 *       fails to open).</li>
 *   <li>One {@code Store} per {@link io.eddy.server.storage.Table}, named after it, opened
 *       with {@code StoreConfig.WITHOUT_DUPLICATES} (a B+tree, one value per key). Xodus
 *       compares keys as unsigned bytes, which is the contract's order. Not
 *       {@code WITHOUT_DUPLICATES_WITH_PREFIXING}: Xodus 2.0.1's Patricia tree iterates
 *       backwards in the wrong order as soon as one key is a prefix of another (it returns a
 *       key before, instead of after, the longer keys that extend it, from both
 *       {@code getLast()} and {@code getPrev()}); forward iteration and search are right.
 *       The conformance suite's key-order tests catch it. A table declared
 *       {@link io.eddy.server.storage.Table#prefixFree()} gets the Patricia tree, which
 *       is much faster for Eddy's keys and correct when no key prefixes another.</li>
 *   <li>A read transaction is a Xodus read-only transaction: a snapshot that never blocks.
 *       An open one pins old log data against Xodus' GC, so keep it short.</li>
 *   <li>The write transaction is a Xodus exclusive transaction started with
 *       {@code beginExclusiveTransaction} and committed explicitly. Never
 *       {@code executeInTransaction}: it may run its lambda twice. The engine guards it with
 *       its own one-permit semaphore, because Xodus' permits belong to the thread that began a
 *       transaction (a second exclusive one begun on that same thread fails instead of
 *       waiting).</li>
 *   <li>Cursors are closed before their transaction ends (the transaction closes those still
 *       open). In a write transaction a cursor reopens its Xodus cursor after a write and
 *       repositions by key, because a Xodus cursor keeps reading the tree it first saw.</li>
 *   <li>Keys and values handed to Xodus for writing are copied (Xodus keeps them until
 *       commit); everything read is copied out. Empty keys are rejected on put.</li>
 *   <li>Xodus' failures surface as {@link io.eddy.server.storage.StorageException}.</li>
 * </ul>
 *
 * <p>Configuration: the log cache is capped by
 * {@link io.eddy.server.storage.xodus.XodusOptions#cacheBytes()} (Xodus takes half the heap
 * otherwise; the cache is shared by all environments of the JVM and sized by the first);
 * commits are not fsynced unless {@code durableWrite}; {@code Engine.sync()} is Xodus'
 * {@code flushAndSync}; statistics and JMX beans are off. The JVM needs
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}, else an interrupted thread can leave
 * the environment permanently inoperative.
 */
package io.eddy.server.storage.xodus;
