using System.ComponentModel.DataAnnotations;
namespace PrintFarm.Jobs;

/// <summary>Bound from configuration section <c>Jobs</c>.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>After this many failed prints (or failed quality checks) the item is blocked for an operator.</summary>
    [Range(1, 100, ErrorMessage = "Jobs:MaxAttempts must be between {1} and {2}.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long post-processing takes (support removal, cleaning) when no material-specific time is set.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Jobs:PostProcessing must be between {1} and {2}.")]
    public TimeSpan PostProcessing { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Post-processing time per material (e.g. resin needs washing and curing), overriding the default.</summary>
    public Dictionary<string, TimeSpan> PostProcessingByMaterial { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public FinishingMode PostProcessingMode { get; set; } = FinishingMode.Automatic;

    /// <summary>How long the quality check takes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Jobs:QualityCheck must be between {1} and {2}.")]
    public TimeSpan QualityCheck { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Operator: every part waits for a pass or fail through <c>POST /api/jobs/{id}/qc</c>.</summary>
    public FinishingMode QualityCheckMode { get; set; } = FinishingMode.Automatic;

    /// <summary>
    /// A queued job asks the dispatcher again this often, in case its place in the queue was
    /// lost with a crashed silo. Enqueueing is idempotent.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Jobs:RequeueCheck must be between {1} and {2}.")]
    public TimeSpan RequeueCheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A job assigned this long ago that has not started asks its printer whether it holds it.
    /// A printer that does not (the start command died with a silo) means the job goes back to
    /// the queue on the same attempt; one that does keeps it, and its own watch takes over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Jobs:AssignmentCheck must be between {1} and {2}.")]
    public TimeSpan AssignmentCheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// An open job holds a reminder with this period (Orleans allows no less than a minute). If
    /// the silo hosting it dies, the reminder wakes the job on another silo within one period,
    /// where its timers (finishing steps, requeue checks) carry on.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Jobs:KeepAlive must be between {1} and {2}.")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The keep-alive period of a job that waits (queued, held or blocked) with nothing its order
    /// has not heard. Its dispatcher holds its place and wakes it to print, so it need not stay in
    /// memory. But the reminder is also what brings back a job whose place was lost with a silo
    /// that died in the second before the queue was stored (Dispatch:QueueSaveInterval), when the
    /// job's own activation died with it. Such a job waits up to this period; hence the default is
    /// Jobs:KeepAlive's. (An assignment lost the same way is caught sooner: its printer offers
    /// itself again, see Dispatch:AssignmentAnswerWithin.) A farm with 100,000 waiting jobs wakes
    /// 100,000 / this period jobs a second for it; raising it trades that for slower recovery.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Jobs:WaitingKeepAlive must be between {1} and {2}.")]
    public TimeSpan WaitingKeepAlive { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How many transitions a job keeps for an order that has not heard them (its silo is down).
    /// Each supersedes the ones before it, so the newest are kept.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Jobs:NewsKept must be between {1} and {2}.")]
    public int NewsKept { get; set; } = 20;

    /// <summary>
    /// How long a finished job stays on the job board (<c>GET /api/jobs</c>). It also bounds which
    /// finished jobs <c>GET /api/jobs/{id}</c> finds: an older one is read through its order.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Jobs:BoardKeepsFinished must be between {1} and {2}.")]
    public TimeSpan BoardKeepsFinished { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan PostProcessingFor(string material) =>
        PostProcessingByMaterial.TryGetValue(material, out var time) ? time : PostProcessing;
}
