using Microsoft.Extensions.Logging;
using PrintFarm.Protocol;

namespace PrintFarm.Printers;

// The printer's log messages, apart from its logic.
public sealed partial class PrinterGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: the outcome of job {JobId} could not reach the job yet (tried again on the next report): {Error}")]
    private partial void LogOutcomeNotDelivered(string printerId, string jobId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId} is {Connectivity}")]
    private partial void LogConnectivity(string printerId, Connectivity connectivity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: {EventType} for job {JobId} recovered from telemetry; the event itself never arrived")]
    private partial void LogRecoveredOutcome(string printerId, PrinterEventType eventType, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: {EventType} for job {JobId} {Reason}")]
    private partial void LogEvent(string printerId, PrinterEventType eventType, string jobId, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Printer {PrinterId}: event {EventId} already handled")]
    private partial void LogDuplicateEvent(string printerId, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: {EventType} for job {JobId}, which it does not hold: no job told, no counter changed")]
    private partial void LogNotHeld(string printerId, PrinterEventType eventType, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId} never announced itself: its {What} was counted and dropped, as is all it sends until it does")]
    private partial void LogUnknownPrinter(string printerId, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId} is idle without job {JobId}: the job was lost")]
    private partial void LogLostJob(string printerId, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: could not send the start of job {JobId}")]
    private partial void LogCommandNotSent(string printerId, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: job {JobId} not started, its file did not get there: {Problem}; back to the queue")]
    private partial void LogStartFailed(string printerId, string jobId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: start of job {JobId} sent (attempt {Attempt})")]
    private partial void LogStartSent(string printerId, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: {Command} of job {JobId} sent for an operator")]
    private partial void LogSteered(string printerId, PrinterCommandType command, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: an operator's {Command} refused: {Refusal}")]
    private partial void LogSteeringRefused(string printerId, PrinterCommandType command, string refusal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: could not send an operator's {Command} of job {JobId}")]
    private partial void LogSteeringNotSent(string printerId, PrinterCommandType command, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId} is {Service} ({Reason})")]
    private partial void LogService(string printerId, string service, string? reason);
}
