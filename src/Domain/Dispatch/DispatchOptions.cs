using System.ComponentModel.DataAnnotations;
namespace PrintFarm.Dispatch;

/// <summary>Bound from configuration section <c>Dispatch</c>.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>How often the projected schedule is worked out again when the queue or the fleet changed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Dispatch:ProjectionInterval must be between {1} and {2}.")]
    public TimeSpan ProjectionInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A queued job hears of its projected start only when it moves at least this much.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Dispatch:ProjectionThreshold must be between {1} and {2}.")]
    public TimeSpan ProjectionThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The queue is stored behind the changes, at most this often and never more than a fifth of
    /// the dispatcher's time (a big queue is written less often). Losing the last writes to a
    /// crash loses nothing: every queued job is stored as Queued by its own grain and enqueues
    /// itself again (on its requeue check, or when the silo's start wakes open work).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Dispatch:QueueSaveInterval must be between {1} and {2}.")]
    public TimeSpan QueueSaveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A printer that offers itself again this long after it was assigned a job, without having
    /// taken it, shows the assignment went unanswered (its job's silo died as it was sent): the
    /// job is woken and queues itself again. Longer than a busy farm takes to start a job.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Dispatch:AssignmentAnswerWithin must be between {1} and {2}.")]
    public TimeSpan AssignmentAnswerWithin { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Forecasts and fleet reports are gathered per silo and sent on this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Dispatch:ReportBatchInterval must be between {1} and {2}.")]
    public TimeSpan ReportBatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A printer held back for its maintenance window is planned again this often, as the window moves closer or ends.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Dispatch:HeldBackReplan must be between {1} and {2}.")]
    public TimeSpan HeldBackReplan { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The farm's queue view waits this long for each pool's dispatcher; one that has not answered is listed with a problem.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Dispatch:PoolAnswerWithin must be between {1} and {2}.")]
    public TimeSpan PoolAnswerWithin { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Each dispatcher tells the register of pools it is there this often (and at once when it activates).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Dispatch:PoolRegisterEvery must be between {1} and {2}.")]
    public TimeSpan PoolRegisterEvery { get; set; } = TimeSpan.FromMinutes(5);
}
