package io.eddy.client;

/** The answer to one operation of a transaction: a {@link GetResult}, {@link PutResult} or {@link DeleteResult}. */
public sealed interface OpResult permits GetResult, PutResult, DeleteResult {
    /** The response header. */
    Header header();
}
