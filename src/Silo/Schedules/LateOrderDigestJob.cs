using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Notifications;
using Quartz;

namespace PrintFarm.Silo.Schedules;

/// <summary>
/// Asks the shop's notification hub for the day's digest of late orders. Thin on purpose: which
/// orders are late is the order board's (the late-order sweep's), the email is the hub's.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class LateOrderDigestJob(IGrainFactory grains, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<LateOrderDigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("late-order-digest", "farm");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.Value.Email.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var late = await grains.GetGrain<INotificationHubGrain>(INotificationHubGrain.Shop).SendLateOrderDigest(day);
        LogDigest(day, late);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Late-order digest of {Day}: {Late} late orders")]
    private partial void LogDigest(DateOnly day, int late);
}
