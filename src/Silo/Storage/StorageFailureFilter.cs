using System.Data.Common;
using Microsoft.Extensions.Logging;
using PrintFarm.Storage;

namespace PrintFarm.Silo.Storage;

/// <summary>
/// Turns a database failure inside any grain call into <see cref="StorageUnavailableException"/>,
/// so the caller learns "try again later" (503) instead of receiving a driver exception it
/// cannot deserialize (which it would report as a 500).
/// </summary>
public sealed partial class StorageFailureFilter(ILogger<StorageFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (DatabaseFailure(ex) is { } failure)
        {
            LogStorageFailure(context.InterfaceMethod?.Name ?? "?", context.TargetId.ToString(), failure.Message);
            throw new StorageUnavailableException(failure.GetType().Name);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} on {Grain} failed: the database is not reachable ({Error})")]
    private partial void LogStorageFailure(string method, string grain, string error);
}
