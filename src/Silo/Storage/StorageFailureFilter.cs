using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace PrintFarm.Silo.Storage;

/// <summary>
/// When a grain call fails because the database did not answer, the caller gets a
/// <see cref="FarmStorageUnavailableException"/> (which Orleans can serialize, unlike Npgsql's
/// exceptions, and which the gateway turns into 503), and the grain is deactivated: what it
/// holds in memory may be ahead of what was stored, and the next activation reads the truth back
/// from storage, so nothing the caller was refused lingers as if accepted.
/// </summary>
public sealed partial class StorageFailureFilter(ILogger<StorageFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (FindDatabaseFailure(e) is { } failure)
        {
            LogStorageFailed(context.TargetId.ToString(), context.MethodName, failure.GetType().Name, failure.Message);
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, failure, "the database did not take its state"));
            throw new FarmStorageUnavailableException($"The farm's database is not available ({failure.Message}); nothing was changed. Try again shortly.");
        }
    }

    /// <summary>A database error anywhere in the chain (storage providers wrap what the driver throws).</summary>
    internal static Exception? FindDatabaseFailure(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 10; depth++)
        {
            if (exception is DbException or FarmStorageUnavailableException or TimeoutException { InnerException: DbException }) return exception;
            if (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                    if (FindDatabaseFailure(inner) is { } found) return found;
                return null;
            }
            exception = exception.InnerException;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Grain}.{Method} refused: the database failed ({ErrorType}: {Error}); the grain is deactivated")]
    private partial void LogStorageFailed(string grain, string method, string errorType, string error);
}
