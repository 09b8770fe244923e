// A Kotlin program on the coroutine wrapper (EddyCoroutines.kt): puts, gets and a watch as Flow.
//
//   java -cp samples/target/eddy-samples.jar io.eddy.samples.KotlinSample greetings/
@file:JvmName("KotlinSample")

package io.eddy.samples

import io.eddy.client.EddyClient
import io.eddy.client.WatchEvent
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

/**
 * What [greet] saw.
 *
 * @property written the revision of each put, in order
 * @property watched the changes the watch delivered: revision to "key=value" lines
 * @property stored the prefix's keys and values read back at the end
 */
data class GreetResult(val written: List<Long>, val watched: List<Pair<Long, List<String>>>, val stored: Map<String, String>)

/**
 * Puts [count] greetings under [prefix] while a watch of the prefix collects them, then reads
 * them back. The watch starts at the revision after a marker write, so it cannot miss the puts
 * even though it runs concurrently with them.
 */
suspend fun greet(client: EddyClient, prefix: String, count: Int): GreetResult = coroutineScope {
    val kv = client.kv()
    val start = kv.put("${prefix}started", "yes") + 1
    // async: the watch runs concurrently; take(count) cancels it after count changes.
    val watched = async {
        client.watch().watchFlow(prefix, startRevision = start)
            .take(count)
            .map { batch ->
                batch.revision() to batch.events().map { e ->
                    if (e.type() == WatchEvent.Type.PUT) "${e.kv().key().toUtf8()}=${e.kv().value().toUtf8()}"
                    else "${e.kv().key().toUtf8()} deleted"
                }
            }
            .toList()
    }
    val written = (1..count).map { i -> kv.put("${prefix}$i", "hello #$i") }
    check(kv.get("${prefix}1")?.value()?.toUtf8() == "hello #1") { "read back ${prefix}1" }
    kv.delete("${prefix}started")
    GreetResult(written, watched.await(), kv.getPrefix(prefix))
}

/** [greet] from a blocking caller (a Java test, or main). */
fun greetBlocking(client: EddyClient, prefix: String, count: Int): GreetResult = runBlocking { greet(client, prefix, count) }

/** Greets under the prefix (first argument, default `greetings/`) and prints what the watch and the reads saw. */
fun main(args: Array<String>) {
    val command = Endpoints.parse(args)
    val prefix = command.arg(0, "greetings/")
    EddyClient.builder().endpoints(*command.endpoints()).build().use { client ->
        val result = greetBlocking(client, prefix, 3)
        result.watched.forEach { (revision, lines) -> println("revision $revision: ${lines.joinToString()}") }
        println("stored under $prefix: ${result.stored}")
    }
}
