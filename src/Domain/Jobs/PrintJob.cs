using PrintFarm.Delivery;
using PrintFarm.Dispatch;

namespace PrintFarm.Jobs;

/// <summary>
/// The life of one print job, as a state machine over <see cref="PrintJobState"/>. Pure: no
/// Orleans, no clock of its own. Every method answers whether it changed anything, so the grain
/// persists and notifies only on real transitions and ignores stale or repeated news.
/// </summary>
public sealed class PrintJob(PrintJobState state, int maxAttempts)
{
    public PrintJobState State { get; } = state;

    public bool Exists => State.Spec is not null;

    public bool IsOpen => IsOpenStatus(State.Status);

    public static bool IsOpenStatus(JobStatus status) => status is not (JobStatus.Done or JobStatus.Blocked or JobStatus.Cancelled);

    public bool Create(PrintJobSpec spec, DateTimeOffset now)
    {
        if (Exists) return false;
        State.Spec = spec;
        State.Attempt = 1;
        State.CreatedAt = now;
        MoveTo(JobStatus.Queued, now);
        if (spec.NeedsSlicedFile)
        {
            // Held rather than blocked: it is open work, shown to operators, that no printer can take yet.
            State.OnHold = true;
            State.Problem = PrintJobSpec.WaitingForSlicedFile;
        }
        return true;
    }

    /// <summary>The dispatcher picked a printer. Only a queued job can be assigned.</summary>
    public bool Assign(string printerId, DateTimeOffset now)
    {
        if (!IsWaitingInQueue) return false;
        State.PrinterId = printerId;
        State.Attempts.Add(new JobAttempt { Number = State.Attempt, PrinterId = printerId });
        MoveTo(JobStatus.Assigned, now);
        return true;
    }

    /// <summary>The printer would not take it (busy, offline): back in the queue, same attempt.</summary>
    public bool AssignmentRefused(string printerId, DateTimeOffset now)
    {
        if (State.Status != JobStatus.Assigned || State.PrinterId != printerId) return false;
        State.Attempts.RemoveAt(State.Attempts.Count - 1);
        State.PrinterId = null;
        MoveTo(JobStatus.Queued, now);
        return true;
    }

    public bool Started(string printerId, string? printerModel, DateTimeOffset now)
    {
        if (State.Status == JobStatus.Stalled && State.PrinterId == printerId) return Unstall(printerId, now);
        if (State.Status != JobStatus.Assigned || State.PrinterId != printerId) return false;
        CurrentAttempt!.StartedAt = now;
        State.PrinterModel = printerModel;
        State.ProjectedStart = null;
        State.Progress = 0;
        MoveTo(JobStatus.Printing, now);
        return true;
    }

    /// <summary>The printer went silent while printing this job: nobody knows how it is doing.</summary>
    public bool Stall(string printerId, DateTimeOffset now)
    {
        if (State.Status != JobStatus.Printing || State.PrinterId != printerId) return false;
        State.Problem = "the printer stopped reporting; waiting for it to come back";
        MoveTo(JobStatus.Stalled, now);
        return true;
    }

    /// <summary>The printer is back and still printing this job.</summary>
    public bool Unstall(string printerId, DateTimeOffset now)
    {
        if (State.Status != JobStatus.Stalled || State.PrinterId != printerId) return false;
        State.Problem = null;
        MoveTo(JobStatus.Printing, now);
        return true;
    }

    /// <summary>Live progress; not a transition, so the caller decides how often it matters.</summary>
    public bool ReportProgress(string printerId, double progress, int? remainingSeconds)
    {
        if (State.Status != JobStatus.Printing || State.PrinterId != printerId) return false;
        var changed = Math.Abs(State.Progress - progress) >= 0.01 || State.RemainingSeconds != remainingSeconds;
        State.Progress = Math.Clamp(progress, 0, 100);
        State.RemainingSeconds = remainingSeconds;
        return changed;
    }

    /// <summary>The printer finished: the part goes on to post-processing.</summary>
    public bool Printed(string printerId, DateTimeOffset now)
    {
        // From Stalled too: it finished while we could not see it.
        if (State.Status is not (JobStatus.Printing or JobStatus.Assigned or JobStatus.Stalled) || State.PrinterId != printerId) return false;
        var attempt = CurrentAttempt!;
        attempt.StartedAt ??= now;
        attempt.EndedAt = now;
        attempt.Outcome = "printed";
        State.Progress = 100;
        State.RemainingSeconds = 0;
        State.Problem = null;
        MoveTo(JobStatus.PostProcessing, now);
        return true;
    }

    /// <summary>
    /// The print failed (or the printer lost it). The job goes back to the queue as a new
    /// attempt, or is blocked once it has used up its attempts so a person looks at it.
    /// </summary>
    public bool Failed(string printerId, string reason, DateTimeOffset now)
    {
        if (State.Status is not (JobStatus.Printing or JobStatus.Assigned or JobStatus.Stalled) || State.PrinterId != printerId) return false;
        var attempt = CurrentAttempt!;
        attempt.EndedAt = now;
        attempt.Outcome = reason;
        State.PrinterId = null;
        State.Progress = 0;
        State.RemainingSeconds = null;
        NextAttemptOrBlock($"print failed: {reason}", now);
        return true;
    }

    /// <summary>
    /// Someone stopped the print at the printer. That is a person's decision, not a failed print:
    /// the part goes back to the queue on the same attempt, and the printer is not blamed.
    /// </summary>
    public bool CancelledAtPrinter(string printerId, DateTimeOffset now)
    {
        if (State.Status is not (JobStatus.Printing or JobStatus.Assigned or JobStatus.Stalled) || State.PrinterId != printerId) return false;
        var attempt = CurrentAttempt!;
        attempt.EndedAt = now;
        attempt.Outcome = "stopped at the printer";
        State.PrinterId = null;
        State.Progress = 0;
        State.RemainingSeconds = null;
        State.ProjectedStart = null;
        State.Problem = "reprinting: the print was stopped at the printer";
        MoveTo(JobStatus.Queued, now);
        return true;
    }

    /// <summary>
    /// The printer no longer has the job: it restarted, someone cleared it, or the start command
    /// never reached it (a silo died between reserving the printer and sending). A job the
    /// printer never started goes back to the queue on the same attempt, since nothing was
    /// printed; one that had started has failed.
    /// </summary>
    public bool Lost(string printerId, DateTimeOffset now) =>
        State.Status == JobStatus.Assigned && State.PrinterId == printerId && CurrentAttempt?.StartedAt is null
            ? AssignmentRefused(printerId, now)
            : Failed(printerId, "the printer lost the job (restarted or cleared)", now);

    /// <summary>Post-processing is complete (by its timer, or by an operator): on to quality check.</summary>
    public bool PostProcessingDone(DateTimeOffset now)
    {
        if (State.Status != JobStatus.PostProcessing) return false;
        MoveTo(JobStatus.QualityCheck, now);
        return true;
    }

    /// <summary>The part passed quality check (by its timer in automatic mode, or an operator's word).</summary>
    public bool QualityCheckPassed(DateTimeOffset now)
    {
        if (State.Status != JobStatus.QualityCheck) return false;
        State.DoneAt = now;
        MoveTo(JobStatus.Done, now);
        return true;
    }

    /// <summary>
    /// The part failed quality check: it is printed again, as the next attempt, or the job is
    /// blocked once it has used up its attempts. The failed attempt keeps why.
    /// </summary>
    public bool QualityCheckFailed(string reason, DateTimeOffset now)
    {
        if (State.Status != JobStatus.QualityCheck) return false;
        if (CurrentAttempt is { } attempt) attempt.Outcome = $"failed quality check: {reason}";
        State.PrinterId = null;
        State.Progress = 0;
        State.RemainingSeconds = null;
        NextAttemptOrBlock($"failed quality check: {reason}", now);
        return true;
    }

    /// <summary>An operator holds the job: only a queued job is held; one being made carries on.</summary>
    public bool Hold()
    {
        if (State.OnHold || State.Status != JobStatus.Queued) return false;
        State.OnHold = true;
        return true;
    }

    public bool Release()
    {
        // Nothing for a printer to print until a sliced file is attached.
        if (!State.OnHold || State.Spec?.NeedsSlicedFile == true) return false;
        State.OnHold = false;
        return true;
    }

    /// <summary>
    /// The sliced file a held job was waiting for: it now prints that file, for the time the file
    /// says, and joins the queue (unless its order is on hold). Only a queued job waiting for a
    /// file takes one; the same file again changes nothing.
    /// </summary>
    public bool AttachSlicedFile(SlicedFile sliced)
    {
        if (State.Status != JobStatus.Queued || State.Spec?.NeedsSlicedFile != true) return false;
        State.Spec = State.Spec with
        {
            File = sliced.File,
            EstimatedPrintSeconds = sliced.EstimatedPrintSeconds,
            PrinterModel = sliced.PrinterModel,
            MaterialGrams = sliced.MaterialGrams,
            NeedsSlicedFile = false,
        };
        if (State.Problem == PrintJobSpec.WaitingForSlicedFile) State.Problem = null;
        State.OnHold = sliced.KeepHeld;
        return true;
    }

    public bool IsWaitingInQueue => State.Status == JobStatus.Queued && !State.OnHold;

    /// <summary>
    /// An operator moves the job to the front of its pool's queue. Only a queued job moves (a held
    /// one too: it is first once released); the ticket it gives its dispatcher carries the new
    /// priority, stored with the spec so a restart keeps it. Moving it there again changes nothing.
    /// </summary>
    public bool Expedite()
    {
        if (State.Status != JobStatus.Queued) return false;
        if (State.Spec!.Priority > PrintJobSpec.ExpeditedPriority) State.Spec = State.Spec with { Priority = PrintJobSpec.ExpeditedPriority };
        return true;
    }

    /// <summary>
    /// An operator gives a blocked job (its attempts used up) one more: back in the queue as the
    /// next attempt. Should that fail too it is blocked again at once, being past its attempts.
    /// </summary>
    public bool Retry(DateTimeOffset now)
    {
        if (State.Status != JobStatus.Blocked) return false;
        State.Attempt++;
        State.PrinterId = null;
        State.ProjectedStart = null;
        State.Problem = $"an operator asked for another try, attempt {State.Attempt}";
        MoveTo(JobStatus.Queued, now);
        return true;
    }

    /// <summary>Only a job whose production has not started can be cancelled.</summary>
    public bool Cancel(DateTimeOffset now)
    {
        if (State.Status != JobStatus.Queued) return false;
        State.OnHold = false;
        State.Problem = null;
        MoveTo(JobStatus.Cancelled, now);
        return true;
    }

    /// <summary>The dispatcher's projected schedule moved this queued job's expected start.</summary>
    public bool Projected(DateTimeOffset? start)
    {
        if (State.Status != JobStatus.Queued || State.ProjectedStart == start) return false;
        State.ProjectedStart = start;
        return true;
    }

    /// <summary>
    /// Marks a transition about to be stored and queues its snapshot for the order, to be stored
    /// with it: each supersedes every earlier one, so only the newest <paramref name="keep"/> are
    /// kept and an order out of reach for long still gets the latest.
    /// </summary>
    public void Record(int keep)
    {
        Stamp();
        News.Add(State.Snapshot(), keep);
    }

    /// <summary>Marks a change the order learns from the job's own answer (the order asked for it): no news to send.</summary>
    public void Stamp() => State.Sequence++;

    /// <summary>What the order has not heard yet, oldest first.</summary>
    public Outbox<JobSnapshot> News => new(State.Untold);

    /// <summary>What the printer it was assigned to needs to start it.</summary>
    public Printers.PrintJobAssignment Assignment() =>
        new(State.Spec!.JobId, State.Spec.Design, State.Spec.Material, State.Spec.EstimatedPrintSeconds, State.Attempt, State.Spec.File);

    /// <summary>This job's place in the queue, for its pool's dispatcher.</summary>
    public JobTicket Ticket => JobTicket.For(State.Spec!, State.Attempt);

    /// <summary>
    /// When the current finishing step (post-processing, quality check) is due, counted from when
    /// it began so a job woken after a restart finishes on schedule; null when it waits for an
    /// operator or there is no step to finish.
    /// </summary>
    public TimeSpan? FinishingDue(JobOptions options, DateTimeOffset now)
    {
        var step = State.Status switch
        {
            JobStatus.PostProcessing when options.PostProcessingMode == FinishingMode.Automatic => options.PostProcessingFor(State.Spec!.Material),
            JobStatus.QualityCheck when options.QualityCheckMode == FinishingMode.Automatic => options.QualityCheck,
            _ => (TimeSpan?)null,
        };
        if (step is null) return null;
        var due = (State.StatusSince ?? now) + step.Value - now;
        return due < TimeSpan.Zero ? TimeSpan.Zero : due;
    }

    /// <summary>The timed finishing step is over: on to the next stage. False when the job is elsewhere.</summary>
    public bool FinishStep(DateTimeOffset now) =>
        State.Status == JobStatus.PostProcessing ? PostProcessingDone(now) : QualityCheckPassed(now);

    /// <summary>
    /// What the last print teaches about real print times: only a print seen to start and end
    /// does. Null otherwise.
    /// </summary>
    public (string? PrinterModel, string Material, int EstimatedSeconds, double ActualSeconds)? PrintTimeLesson() =>
        CurrentAttempt is { StartedAt: { } started, EndedAt: { } ended, Outcome: "printed" } && ended > started
            ? (State.PrinterModel, State.Spec!.Material, State.Spec.EstimatedPrintSeconds, (ended - started).TotalSeconds)
            : null;

    /// <summary>
    /// A job needs waking after a crash while it is open, and after it ended until its order has
    /// heard how it ended.
    /// </summary>
    public bool NeedsKeepAlive => Exists && (IsOpen || State.Untold.Count > 0);

    /// <summary>
    /// The keep-alive period this job needs now: the short one while it moves (at a printer, in
    /// finishing) or owes its order news, the long one while it only waits; null once ended and heard.
    /// </summary>
    public TimeSpan? KeepAliveEvery(JobOptions options) =>
        !NeedsKeepAlive ? null
        : State.Untold.Count == 0 && State.Status is JobStatus.Queued or JobStatus.Blocked ? options.WaitingKeepAlive
        : options.KeepAlive;

    /// <summary>Whether this printer has been given the job and not yet started it.</summary>
    public bool IsAssignedTo(string printerId) => State.Status == JobStatus.Assigned && State.PrinterId == printerId;

    /// <summary>Where the job stands, as its order and the operators see it.</summary>
    public JobSnapshot Snapshot() => State.Snapshot();

    public JobAttempt? CurrentAttempt => State.Attempts.Count > 0 ? State.Attempts[^1] : null;

    private void NextAttemptOrBlock(string problem, DateTimeOffset now)
    {
        State.ProjectedStart = null;
        if (State.Attempt >= maxAttempts)
        {
            State.Problem = $"{problem}; {State.Attempt} attempts used, waiting for an operator";
            MoveTo(JobStatus.Blocked, now);
        }
        else
        {
            State.Attempt++;
            State.Problem = $"{problem}, reprinting, attempt {State.Attempt}";
            MoveTo(JobStatus.Queued, now);
        }
    }

    private void MoveTo(JobStatus status, DateTimeOffset now)
    {
        State.Status = status;
        State.StatusSince = now;
    }
}
