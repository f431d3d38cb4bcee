using Microsoft.Extensions.Logging;
using PrintFarm.Delivery;
using PrintFarm.Dispatch;

namespace PrintFarm.Jobs;

/// <summary>
/// A job's place in its pool's queue, kept in the background: the job tells its dispatcher
/// where it stands on a timer and retries until heard, so nobody who calls the job (an order
/// being placed, a printer reporting) waits on the dispatcher. Only the latest word counts; the
/// job's requeue check repeats it now and then, since a dispatcher stores its queue behind.
/// </summary>
internal sealed class QueuePlace
{
    private readonly List<QueueRequest> _pending = [];
    private readonly Func<PrintJob> _job;
    private readonly IGrainFactory _grains;
    private readonly Courier<QueueRequest> _courier;

    public QueuePlace(Grain grain, IGrainFactory grains, Func<PrintJob> job, DeliveryOptions options, ILogger logger)
    {
        _job = job;
        _grains = grains;
        _courier = new Courier<QueueRequest>(grain, () => new Outbox<QueueRequest>(_pending), Tell, null,
            $"Job {grain.GetPrimaryKeyString()}'s place in the queue", options, logger);
    }

    /// <summary>Reminds the dispatcher of a job waiting in the queue (idempotent there).</summary>
    public void Remind()
    {
        var job = _job();
        if (job.Exists && (job.IsWaitingInQueue || _pending.Count > 0)) Update(refusedBy: null);
    }

    /// <summary>The job moved in or out of the queue; <paramref name="refusedBy"/> names a printer that just turned it down.</summary>
    public void Update(string? refusedBy)
    {
        var job = _job();
        _pending.Clear();
        _pending.Add(new QueueRequest(job.Ticket, job.IsWaitingInQueue, refusedBy));
        if (!_courier.IsWaiting) _courier.DeliverAfter(TimeSpan.Zero);
    }

    private Task Tell(QueueRequest request)
    {
        var job = _job();
        var dispatcher = _grains.GetGrain<IDispatcherGrain>(request.Ticket.Pool.Key);
        // The latest word on where the job stands, however long ago it was asked for.
        return job.IsWaitingInQueue ? dispatcher.Enqueue(job.Ticket, request.RefusedBy) : dispatcher.Remove(request.Ticket.JobId);
    }
}
