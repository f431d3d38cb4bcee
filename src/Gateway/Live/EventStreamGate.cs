using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Security;

namespace PrintFarm.Gateway.Live;

/// <summary>
/// How many order event streams may be open at once: from one client address
/// (Gateway:Limits:MaxEventStreamsPerClient, 429 over it) and on this gateway in all
/// (MaxEventStreams, 503 over it). Each open stream holds a connection, a subscription and a
/// buffer for as long as the client likes, so without a bound a single client could hold them all.
/// Concurrency limiters from System.Threading.RateLimiting, one per address, with no queue: a
/// stream over the limit is refused at once, before any byte of it is sent.
/// </summary>
public sealed partial class EventStreamGate : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly ConcurrencyLimiter _total;
    private readonly GatewayLimits _limits;
    private readonly ILogger<EventStreamGate> _logger;

    public EventStreamGate(IOptions<GatewayLimits> limits, ILogger<EventStreamGate> logger)
    {
        _limits = limits.Value;
        _logger = logger;
        var perClient = _limits.MaxEventStreamsPerClient;
        _perClient = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetConcurrencyLimiter(address, _ => new ConcurrencyLimiterOptions { PermitLimit = perClient, QueueLimit = 0 }));
        _total = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = _limits.MaxEventStreams, QueueLimit = 0 });
    }

    /// <summary>A lease to hold while the stream is open, or the answer to give instead.</summary>
    public (IDisposable? Lease, IResult? Refusal) TryOpen(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var mine = _perClient.AttemptAcquire(address);
        if (!mine.IsAcquired)
        {
            mine.Dispose();
            LogRefused(address, "per client");
            return (null, Refuse(context, StatusCodes.Status429TooManyRequests, "Too many open event streams",
                $"This address already holds {_limits.MaxEventStreamsPerClient} open event streams; close one, or try again later."));
        }
        var all = _total.AttemptAcquire();
        if (!all.IsAcquired)
        {
            all.Dispose();
            mine.Dispose();
            LogRefused(address, "in total");
            return (null, Refuse(context, StatusCodes.Status503ServiceUnavailable, "The gateway holds as many event streams as it can",
                "Try again later; the page itself can be reloaded meanwhile."));
        }
        return (new Both(mine, all), null);
    }

    private IResult Refuse(HttpContext context, int status, string title, string detail)
    {
        context.Response.Headers.RetryAfter = _limits.StreamRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _total.Dispose();
    }

    private sealed class Both(RateLimitLease mine, RateLimitLease all) : IDisposable
    {
        public void Dispose()
        {
            all.Dispose();
            mine.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event stream refused for {Address}: limit {Which} reached")]
    private partial void LogRefused(string address, string which);
}
