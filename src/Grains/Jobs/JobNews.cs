using Microsoft.Extensions.Logging;
using PrintFarm.Delivery;
using PrintFarm.Orders;

namespace PrintFarm.Jobs;

/// <summary>
/// What a job tells its order and the job board. Transitions are stored with the job (its
/// outbox, see <see cref="PrintJob.News"/>) and carried until the order has them; how a job ended
/// goes to the board awaited too, since a job that ended never reports again. Live figures
/// (progress, projected start) are worth nothing once stale: neither stored nor retried.
/// </summary>
internal sealed partial class JobNews
{
    private readonly IGrainFactory _grains;
    private readonly Func<PrintJob> _job;
    private readonly Courier<JobSnapshot> _courier;
    private readonly ILogger _logger;

    /// <param name="heard">Runs once news was delivered (a job that ended stores its emptied outbox and lets its reminder go).</param>
    public JobNews(Grain grain, IGrainFactory grains, Func<PrintJob> job, Func<Task> heard, DeliveryOptions options, ILogger logger)
    {
        _grains = grains;
        _job = job;
        _logger = logger;
        _courier = new Courier<JobSnapshot>(grain, () => job().News, Tell, heard, $"Job {grain.GetPrimaryKeyString()}'s news for its order", options, logger);
    }

    /// <summary>Sends what the order has not heard; an order out of reach gets it again later.</summary>
    public Task Deliver() => _courier.Deliver();

    /// <summary>Sends what is owed on a timer, not inside the current call (the order may be the one waking this job).</summary>
    public void DeliverSoon()
    {
        if (!_job().News.IsEmpty) _courier.DeliverAfter(TimeSpan.Zero);
    }

    /// <summary>The job board hears of every change one-way; it asks the job itself when it has doubts.</summary>
    public void ReportToBoard() => Board.Report(_job().Snapshot()).Ignore();

    /// <summary>Progress or a projected start: held back while transitions wait to be told.</summary>
    public async Task TellLiveFigures()
    {
        var snapshot = _job().Snapshot();
        Board.Report(snapshot).Ignore();
        if (!_job().News.IsEmpty || _courier.IsWaiting) return;
        try
        {
            await _grains.GetGrain<IOrderGrain>(snapshot.OrderReference).JobChanged(snapshot);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogProgressNotTold(snapshot.JobId, snapshot.OrderReference, e.Message);
        }
    }

    private IJobBoardGrain Board => _grains.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key);

    private async Task Tell(JobSnapshot news)
    {
        await _grains.GetGrain<IOrderGrain>(news.OrderReference).JobChanged(news);
        if (!PrintJob.IsOpenStatus(news.Status)) await Board.Settle(news);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} progress not told to order {OrderReference}: {Error}")]
    private partial void LogProgressNotTold(string jobId, string orderReference, string error);
}
