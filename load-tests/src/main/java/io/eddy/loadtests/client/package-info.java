/**
 * Programs that measure a running cluster from the outside, through the reactive client
 * (network, RSocket and the client included), as a user's application sees it.
 */
package io.eddy.loadtests.client;
