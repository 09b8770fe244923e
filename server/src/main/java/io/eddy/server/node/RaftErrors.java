package io.eddy.server.node;

import io.eddy.protocol.ErrorCode;
import io.eddy.server.errors.EddyException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;

/** Maps Ratis failures to the error catalogue. */
final class RaftErrors {

    private RaftErrors() {
    }

    static EddyException toEddy(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof EddyException eddy) {
            return eddy;
        }
        String detail = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (cause instanceof RaftRetryFailureException && cause.getCause() != null) {
            detail += " (last failure: " + cause.getCause() + ")";
        }
        if (cause instanceof NotLeaderException notLeader) {
            String hint = notLeader.getSuggestedLeader() == null ? "" : notLeader.getSuggestedLeader().getId().toString();
            return new EddyException(io.eddy.protocol.Error.newBuilder().setCode(ErrorCode.NOT_LEADER)
                    .setMessage("not the leader: " + detail).setLeaderHint(hint).build());
        }
        if (cause instanceof LeaderNotReadyException || cause instanceof ReadIndexException) {
            return EddyException.of(ErrorCode.NO_LEADER, "no leader ready: " + detail);
        }
        if (cause instanceof TimeoutIOException || cause instanceof TimeoutException
                || cause instanceof RaftRetryFailureException) {
            return EddyException.of(ErrorCode.TIMEOUT, "gave up waiting for the cluster (a write may have been applied): "
                    + detail);
        }
        if (cause instanceof AlreadyClosedException) {
            return EddyException.of(ErrorCode.UNAVAILABLE, "member is stopping: " + detail);
        }
        if (cause instanceof ReadException) {
            return EddyException.of(ErrorCode.UNAVAILABLE, "read failed: " + detail);
        }
        if (cause instanceof StateMachineException) {
            return EddyException.of(ErrorCode.INTERNAL, "state machine failed: " + detail);
        }
        return EddyException.of(ErrorCode.UNAVAILABLE, detail);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
