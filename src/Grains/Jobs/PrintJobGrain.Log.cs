using Microsoft.Extensions.Logging;

namespace PrintFarm.Jobs;

// The job's log messages, apart from its logic.
public sealed partial class PrintJobGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} created for order {OrderReference}: {Design} in {Material}")]
    private partial void LogCreated(string jobId, string orderReference, string design, string material);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} ignored an assignment to {PrinterId}: it is {Status}")]
    private partial void LogStaleAssignment(string jobId, string printerId, JobStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId} refused job {JobId}; back in the queue")]
    private partial void LogRefused(string jobId, string printerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} printed on {PrinterId}")]
    private partial void LogPrinted(string jobId, string printerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed on {PrinterId}: {Reason}; now attempt {Attempt}, {Status}")]
    private partial void LogFailed(string jobId, string printerId, string reason, int attempt, JobStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was stopped at printer {PrinterId}; back in the queue, still attempt {Attempt}")]
    private partial void LogCancelledAtPrinter(string jobId, string printerId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: printer {PrinterId} no longer has it (it had started: {Started}); now attempt {Attempt}, {Status}")]
    private partial void LogLost(string jobId, string printerId, bool started, int attempt, JobStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not ask printer {PrinterId} whether it holds it (asked again later): {Error}")]
    private partial void LogAssignmentUnchecked(string jobId, string printerId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} quality check passed={Passed} {Reason}: now {Status}")]
    private partial void LogQualityCheck(string jobId, bool passed, string? reason, JobStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled")]
    private partial void LogCancelled(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} finishing step done: now {Status}")]
    private partial void LogFinishing(string jobId, JobStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} stalled: printer {PrinterId} stopped reporting")]
    private partial void LogStalled(string jobId, string printerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} printing again: printer {PrinterId} is back")]
    private partial void LogUnstalled(string jobId, string printerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} moved to the front of its pool by an operator")]
    private partial void LogExpedited(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was blocked; an operator sent it back to the queue (attempt {Attempt})")]
    private partial void LogRetried(string jobId, int attempt);
}
