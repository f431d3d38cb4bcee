using Microsoft.Extensions.Logging;

namespace PrintFarm.Delivery;

/// <summary>
/// Carries a grain's <see cref="Outbox{T}"/> to the receiver: sends what is owed in order, each
/// awaited, and when a send fails (the receiver's silo just died) tries again on a grain timer
/// after a growing delay. Nothing is lost by a failure: the news stays in the outbox, and in the
/// grain's storage when the outbox is part of its state, so the next activation carries on.
/// </summary>
public sealed partial class Courier<T> where T : notnull
{
    private readonly Func<Outbox<T>> _outbox;
    private readonly Func<T, Task> _send;
    private readonly Func<Task>? _afterDelivery;
    private readonly string _what;
    private readonly ILogger _logger;
    private readonly RetryDelays _delays;
    private readonly TimeSpan _answerWithin;
    private readonly TimerSlot _retry;
    private readonly Func<T, string>? _lane;
    private readonly int _width;
    private bool _delivering;
    private readonly bool _interleave;

    /// <param name="grain">The grain whose timer retries.</param>
    /// <param name="outbox">The outbox, read afresh each time (the grain's state object may be replaced).</param>
    /// <param name="send">Tells the receiver one item; throws when it could not.</param>
    /// <param name="afterDelivery">Runs once some news was delivered (to store the shorter outbox).</param>
    /// <param name="what">What is carried, for logs ("job PF-…-1-1's news to order PF-…").</param>
    /// <param name="lane">With <paramref name="width"/> above 1: items of different lanes (receivers) go out side by side, each lane's in order.</param>
    /// <param name="width">How many items are sent at once; 1 sends one after the other.</param>
    /// <param name="interleave">Deliveries run beside the grain's calls instead of holding them up (a grain that is called all the time).</param>
    public Courier(IGrainBase grain, Func<Outbox<T>> outbox, Func<T, Task> send, Func<Task>? afterDelivery,
        string what, DeliveryOptions options, ILogger logger, Func<T, string>? lane = null, int width = 1, bool interleave = false)
    {
        _interleave = interleave;
        _lane = lane;
        _width = lane is null ? 1 : Math.Max(1, width);
        _outbox = outbox;
        _send = send;
        _afterDelivery = afterDelivery;
        _what = what;
        _logger = logger;
        _delays = new RetryDelays(options.FirstRetry, options.LastRetry);
        _answerWithin = options.AnswerWithin;
        _retry = new TimerSlot(grain);
    }

    /// <summary>True while news waits for a retry because the receiver was out of reach.</summary>
    public bool IsWaiting => _retry.IsSet;

    /// <summary>True while a delivery runs or waits for its retry: news added now goes with it.</summary>
    public bool IsBusy => _delivering || _retry.IsSet;

    /// <summary>Sends everything owed now. Never throws for a receiver out of reach; false when something is still owed.</summary>
    public async Task<bool> Deliver()
    {
        // A grain whose calls interleave may ask again while a delivery is under way: that
        // delivery goes on with what was added meanwhile.
        if (_delivering) return false;
        _delivering = true;
        try
        {
            bool empty;
            do
            {
                empty = await DeliverOwed();
            } while (!empty && !_retry.IsSet);
            return empty;
        }
        finally
        {
            _delivering = false;
        }
    }

    /// <summary>
    /// One pass over what was owed when it began, then the shorter outbox is stored: news that
    /// keeps arriving (a hub every order tells) is carried pass after pass, each one stored.
    /// </summary>
    private async Task<bool> DeliverOwed()
    {
        _retry.Clear();
        var outbox = _outbox();
        var delivered = false;
        var owed = outbox.Count;
        for (var handled = 0; handled < owed && !outbox.IsEmpty;)
        {
            var batch = Heads(outbox);
            handled += batch.Count;
            var sent = await Task.WhenAll(batch.Select(Send));
            for (var i = 0; i < batch.Count; i++)
            {
                if (sent[i] is not null) continue;
                outbox.Delivered(batch[i]);
                delivered = true;
            }
            if (Array.Find(sent, e => e is not null) is { } failure)
            {
                var wait = _delays.Failed();
                LogUnreachable(_what, outbox.Count, wait, failure.Message);
                DeliverAfter(wait);
                break;
            }
        }
        if (outbox.IsEmpty) _delays.Succeeded();
        if (delivered && _afterDelivery is not null)
        {
            try
            {
                await _afterDelivery();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The stored outbox still holds what was delivered: it goes again later, and the
                // receiver drops a repeat.
                LogNotStored(_what, e.Message);
            }
        }
        return outbox.IsEmpty;
    }

    /// <summary>The next items to send: the oldest, or with lanes the oldest of up to <see cref="_width"/> lanes.</summary>
    private List<T> Heads(Outbox<T> outbox)
    {
        if (_lane is null) return [outbox.Next!];
        var lanes = new HashSet<string>(StringComparer.Ordinal);
        var heads = new List<T>(Math.Min(_width, outbox.Count));
        foreach (var item in outbox.Pending)
        {
            if (lanes.Add(_lane(item))) heads.Add(item);
            if (heads.Count == _width) break;
        }
        return heads;
    }

    /// <summary>Null once heard; the failure otherwise.</summary>
    private async Task<Exception?> Send(T item)
    {
        try
        {
            // Bounded: a receiver on a silo that hangs must not hold this grain for Orleans'
            // 30 s call timeout. A send that gave up may still arrive: receivers drop repeats.
            await _send(item).WaitAsync(_answerWithin);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e;
        }
    }

    /// <summary>Sends what is owed after <paramref name="wait"/>, on a timer (not inside the current call).</summary>
    public void DeliverAfter(TimeSpan wait) => _retry.Set(_ =>
    {
        // A fired timer is no longer a retry to wait for: left set, it would stop a delivery that
        // is running now (which it found busy) from going on with what was added meanwhile.
        _retry.Clear();
        return Deliver();
    }, wait, keepAlive: true, interleave: _interleave);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} not heard yet ({Count} waiting); trying again in {RetryAfter}: {Error}")]
    private partial void LogUnreachable(string what, int count, TimeSpan retryAfter, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} delivered, but the shorter outbox could not be stored (sent again later): {Error}")]
    private partial void LogNotStored(string what, string error);
}
