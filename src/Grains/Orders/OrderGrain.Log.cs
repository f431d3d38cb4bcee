using Microsoft.Extensions.Logging;

namespace PrintFarm.Orders;

// The order's log messages, apart from its logic.
public sealed partial class OrderGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {Reference}: not every job could be created or told its file yet; trying again every {RetryEvery}: {Error}")]
    private partial void LogReleaseFailed(string reference, TimeSpan retryEvery, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference}: item {Index} prints the sliced file {Sha256} ({Seconds} s a copy)")]
    private partial void LogSlicedFileAttached(string reference, int index, string sha256, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference} is late ({Reason}); promised by {Promised}")]
    private partial void LogLate(string reference, LateReason reason, DateTimeOffset promised);

    // Debug: a farm that is behind turns away many orders a second, each answered 503.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {Reference} turned away: {InFlight} storage operations in flight on this silo")]
    private partial void LogTurnedAway(string reference, long inFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference} is on time again")]
    private partial void LogOnTime(string reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference} placed: {Items} items, {Copies} copies, {Status}")]
    private partial void LogPlaced(string reference, int items, int copies, OrderStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference}: {From} -> {To} {Message}")]
    private partial void LogStatus(string reference, OrderStatus from, OrderStatus to, string? message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference}: item {Index} cancelled")]
    private partial void LogItemCancelled(string reference, int index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference}: message {Number} from the {From} ({Attachments} attachments)")]
    private partial void LogMessage(string reference, MessageAuthor from, int number, int attachments);
}
