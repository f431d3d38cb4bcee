using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using PrintFarm.Delivery;

namespace PrintFarm.Notifications;

/// <summary>
/// One receiver's queue (a webhook, a notification URL, an email address): messages stored as
/// they come, sent one at a time in that order, each tried with exponential backoff and jitter
/// (Polly) until it is accepted or Notifications:GiveUpAfter has passed since its first attempt.
/// Sending runs on an interleaving timer, so taking new messages never waits on a slow receiver;
/// a reminder wakes the queue on another silo if this one dies with messages in it.
/// </summary>
public sealed partial class ReceiverGrain : Grain, IReceiverGrain, IRemindable
{
    private readonly IPersistentState<ReceiverState> _state;
    private readonly NotificationOptions _options;
    private readonly INotificationSender _sender;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReceiverGrain> _logger;
    private readonly ReminderHold _hold;
    private readonly ResiliencePipeline _attempts;
    // Taking messages interleaves with sending them: one write at a time.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private IGrainTimer? _sending;
    private bool _running;

    public ReceiverGrain(
        [PersistentState("receiver", FarmStorage.Name)] IPersistentState<ReceiverState> state,
        IOptions<NotificationOptions> options,
        INotificationSender sender,
        TimeProvider clock,
        ILogger<ReceiverGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _sender = sender;
        _clock = clock;
        _logger = logger;
        _hold = new ReminderHold(this, "deliveries", TimeSpan.FromMinutes(1), logger);
        _attempts = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NotificationRefusedException>(e => !e.Permanent).Handle<TimeoutRejectedException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstRetry,
                MaxDelay = _options.MaxRetryDelay,
                MaxRetryAttempts = int.MaxValue, // the give-up deadline ends it, not a count
                OnRetry = Retrying,
            })
            .AddTimeout(_options.AttemptTimeout)
            .Build();
    }

    private string Key => this.GetPrimaryKeyString();
    private ReceiverQueue Queue => new(_state.State);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Queue.IsEmpty) StartSending();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Queue.IsEmpty) await _hold.LetGo();
        else StartSending();
    }

    public Task Enqueue(NotificationMessage message) => Take(message, again: false);

    public Task Redeliver(NotificationMessage message) => Take(message, again: true);

    public Task<int> Pending() => Task.FromResult(_state.State.Queue.Count);

    private async Task Take(NotificationMessage message, bool again)
    {
        if (!Queue.Add(message, again)) return;
        // Sent at once when nothing is ahead of it: its first attempt is stamped by this write,
        // not by one more, and the delivery log hears of it when it is delivered or an attempt
        // fails (with the message, for a redelivery). One waiting its turn is listed as pending now.
        var atOnce = !_running && ReferenceEquals(Queue.Next, message);
        if (atOnce) Queue.Started(_clock.GetUtcNow());
        await _hold.Hold();
        await Write();
        // A redelivery comes from the order's delivery log, which marked it already (and is waiting on this call).
        if (!atOnce && !again) await Report(message, DeliveryStatus.Pending, attempts: 0, error: null, next: null, keep: true);
        StartSending();
    }

    private void StartSending()
    {
        if (_running) return;
        _running = true;
        _sending?.Dispose();
        _sending = this.RegisterGrainTimer(SendAll, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = true,
            KeepAlive = true,
        });
    }

    private async Task SendAll(CancellationToken stopping)
    {
        try
        {
            while (Queue.Next is { } message && !stopping.IsCancellationRequested)
            {
                var started = _state.State.NextStartedAt is null;
                var since = Queue.Started(_clock.GetUtcNow());
                if (started) await Write();
                var (status, error) = await SendOne(message, since, stopping);
                if (status is null) return; // stopping: the next activation carries on
                Queue.Done(message);
                await Write();
                if (status == DeliveryStatus.Delivered) LogDelivered(message.DeliveryId, Key, _lastAttempts);
                else LogGaveUp(message.DeliveryId, Key, error);
                await Report(message, status.Value, _lastAttempts, error, next: null, keep: true);
            }
            if (Queue.IsEmpty)
            {
                await _hold.LetGo();
                // A message taken while the reminder was being let go needs it back.
                if (!Queue.IsEmpty) await _hold.Hold();
                else if (_state.State.Owing)
                {
                    try
                    {
                        await GrainFactory.GetGrain<IPendingDeliveriesGrain>(IPendingDeliveriesGrain.Key).Settled(Key);
                        _state.State.Owing = false;
                        await Write();
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Still listed: a starting silo wakes an empty queue, which finds nothing to send.
                        LogNotReported(Key, e.Message);
                    }
                }
            }
        }
        finally
        {
            _running = false;
            // A message taken while the last one went out is sent now, not at the next reminder.
            if (!Queue.IsEmpty && !stopping.IsCancellationRequested) StartSending();
        }
    }

    /// <returns>Delivered or Failed with why; a null status when the grain is stopping.</returns>
    private async Task<(DeliveryStatus? Status, string? Error)> SendOne(NotificationMessage message, DateTimeOffset since, CancellationToken stopping)
    {
        var left = since + _options.GiveUpAfter - _clock.GetUtcNow();
        using var deadline = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, _clock);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        // Polly runs the attempts and its callbacks off the grain's scheduler (it awaits with
        // ConfigureAwait(false)): they touch only this context, and tell the grain through a call to itself.
        _attemptsBefore = _state.State.Attempts;
        var attempt = new Attempt(message, this.AsReference<IReceiverGrain>(), _options.AttemptTimeout);
        var context = ResilienceContextPool.Shared.Get(both.Token);
        context.Properties.Set(Attempt.Key, attempt);
        try
        {
            await _attempts.ExecuteAsync(async (ctx, a) =>
            {
                a.Made++;
                await _sender.Send(a.Message, ctx.CancellationToken);
            }, context, attempt);
            return (DeliveryStatus.Delivered, null);
        }
        catch (NotificationRefusedException e) when (e.Permanent)
        {
            return (DeliveryStatus.Failed, e.Message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return (null, null);
        }
        catch (OperationCanceledException)
        {
            return (DeliveryStatus.Failed, $"Not accepted within {_options.GiveUpAfter} of the first attempt; the last attempt: {attempt.LastError ?? "no answer"}.");
        }
        finally
        {
            _lastAttempts = _attemptsBefore + attempt.Made;
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private int _lastAttempts;
    // Attempts at the head of the queue made before this activation's run (a restart carries them over).
    private int _attemptsBefore;

    /// <summary>What one message's attempts share with Polly's callbacks, which run off the grain's scheduler.</summary>
    private sealed class Attempt(NotificationMessage message, IReceiverGrain self, TimeSpan timeout)
    {
        public static readonly ResiliencePropertyKey<Attempt> Key = new("printfarm.attempt");
        public NotificationMessage Message { get; } = message;
        public IReceiverGrain Self { get; } = self;
        public TimeSpan Timeout { get; } = timeout;
        public volatile int Made;
        public volatile string? LastError;
    }

    private static async ValueTask Retrying(OnRetryArguments<object> retry)
    {
        if (!retry.Context.Properties.TryGetValue(Attempt.Key, out var attempt)) return;
        attempt.LastError = retry.Outcome.Exception switch
        {
            TimeoutRejectedException => $"no answer within {attempt.Timeout}",
            null => "no answer",
            var failure => failure.Message,
        };
        try
        {
            await attempt.Self.AttemptFailed(attempt.Message.DeliveryId, attempt.Made, attempt.LastError, retry.RetryDelay);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the delivery log misses this attempt; the retry goes ahead.
        }
    }

    public async Task AttemptFailed(string deliveryId, int attempts, string error, TimeSpan retryAfter)
    {
        if (Queue.Next is not { } message || message.DeliveryId != deliveryId) return;
        _state.State.Attempts = _attemptsBefore + attempts;
        if (!_state.State.Owing)
        {
            // From now on it may outlast this silo: a restart must wake it (see IPendingDeliveriesGrain).
            try
            {
                await GrainFactory.GetGrain<IPendingDeliveriesGrain>(IPendingDeliveriesGrain.Key).Owe(Key);
                _state.State.Owing = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotReported(message.DeliveryId, e.Message);
            }
        }
        LogRetrying(message.DeliveryId, Key, _state.State.Attempts, retryAfter, error);
        await Write();
        await Report(message, DeliveryStatus.Pending, _state.State.Attempts, error, _clock.GetUtcNow() + retryAfter, keep: true);
    }

    private async Task Write()
    {
        await _writing.WaitAsync();
        try { await _state.WriteStateAsync(); }
        finally { _writing.Release(); }
    }

    /// <summary>Tells the order's delivery log; never fails the delivery (the log is for people, the queue is what counts).</summary>
    private async Task Report(NotificationMessage message, DeliveryStatus status, int attempts, string? error, DateTimeOffset? next, bool keep)
    {
        var now = _clock.GetUtcNow();
        var record = new DeliveryRecord
        {
            Id = message.DeliveryId,
            EventId = message.EventId,
            Type = message.Type,
            Reference = message.Reference,
            Channel = message.Channel,
            Target = message.Channel == Channel.Email ? message.Target : Receivers.Shown(message.Target),
            Status = status,
            Attempts = attempts,
            LastError = error,
            CreatedAt = message.CreatedAt,
            UpdatedAt = now,
            NextAttemptAt = next,
            Receiver = message.Receiver,
        };
        try
        {
            await GrainFactory.GetGrain<IOrderDeliveriesGrain>(message.Reference).Report(record, keep ? message : null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotReported(message.DeliveryId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} to {Receiver} accepted after {Attempts} attempts")]
    private partial void LogDelivered(string deliveryId, string receiver, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to {Receiver} failed: {Error}")]
    private partial void LogGaveUp(string deliveryId, string receiver, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to {Receiver}: attempt {Attempts} failed, trying again in {RetryAfter}: {Error}")]
    private partial void LogRetrying(string deliveryId, string receiver, int attempts, TimeSpan retryAfter, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: the order's delivery log did not hear of it: {Error}")]
    private partial void LogNotReported(string deliveryId, string error);
}
