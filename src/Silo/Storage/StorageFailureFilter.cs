using System.Data.Common;
using Microsoft.Extensions.Logging;
using PrintFarm.Storage;

namespace PrintFarm.Silo.Storage;

/// <summary>
/// Turns a database failure inside any grain call into <see cref="StorageUnavailableException"/>,
/// so the caller learns "try again later" (503) instead of receiving a driver exception it
/// cannot deserialize (which it would report as a 500). A grain that stores before answering
/// (<see cref="IStoresBeforeAnswering"/>) is also deactivated: what it holds in memory may be
/// ahead of what was stored, and its next activation reads the truth back from storage, so
/// nothing the caller was refused lingers as if accepted.
/// </summary>
public sealed partial class StorageFailureFilter(ILogger<StorageFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (StorageFailure(ex) is { } failure)
        {
            LogStorageFailure(context.InterfaceMethod?.Name ?? "?", context.TargetId.ToString(), failure.Message);
            if (context.Grain is IStoresBeforeAnswering)
                context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "the database did not take its state"));
            throw failure as StorageUnavailableException ?? new StorageUnavailableException(failure.GetType().Name);
        }
    }

    /// <summary>The database exception at the root of <paramref name="ex"/>, if there is one.</summary>
    public static DbException? DatabaseFailure(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is DbException db) return db;
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Select(DatabaseFailure).FirstOrDefault(f => f is not null) is { } inner) return inner;
        }
        return null;
    }

    /// <summary>A database exception, or a grain further down the call chain that already met one.</summary>
    private static Exception? StorageFailure(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is StorageUnavailableException unavailable) return unavailable;
        }
        return DatabaseFailure(ex);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} on {Grain} failed: the database is not reachable ({Error}); the grain is deactivated")]
    private partial void LogStorageFailure(string method, string grain, string error);
}
