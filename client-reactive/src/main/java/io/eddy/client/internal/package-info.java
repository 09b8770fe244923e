/**
 * The client's implementation: wire mappings and (with the API issue) connections,
 * routing and retries. Nothing here is public API.
 */
package io.eddy.client.internal;
