using PrintFarm.Jobs;

namespace PrintFarm.Orders;

/// <summary>
/// An order's rules over <see cref="OrderState"/>: how it is placed, how its items' stages follow
/// their jobs, and how the order's own stage follows its items. Pure: no Orleans, no clock.
/// </summary>
public sealed class Order(OrderState state)
{
    public OrderState State { get; } = state;

    public bool Exists => State.Items.Count > 0;

    /// <summary>Builds a new order from a request that <see cref="OrderRequestValidator"/> accepted.</summary>
    public static OrderState Place(string reference, PlaceOrderRequest request, DateTimeOffset now)
    {
        var status = request.Test ? OrderStatus.Test : OrderStatus.Received;
        var state = new OrderState
        {
            Reference = reference,
            PlacedAt = now,
            Customer = request.Customer!,
            Shipping = request.Shipping! with { Method = request.Shipping!.Method!.ToLowerInvariant() },
            Test = request.Test,
            Status = status,
            StatusSince = now,
            Version = 1,
        };
        for (var i = 0; i < request.Items!.Count; i++)
        {
            var item = request.Items[i];
            var itemState = new OrderItemState
            {
                Index = i,
                Design = item.Design!.Trim(),
                Material = item.Material!.Trim().ToUpperInvariant(),
                Technology = (item.Technology ?? "FDM").ToUpperInvariant(),
                Quantity = item.Quantity!.Value,
                EstimatedPrintSeconds = item.EstimatedPrintSeconds!.Value,
                Status = ItemStatus.Queued,
                StatusSince = now,
            };
            for (var copy = 1; copy <= itemState.Quantity; copy++)
            {
                itemState.Jobs.Add(new ItemJobState
                {
                    JobId = PrintJobSpec.IdFor(reference, i, copy),
                    Copy = copy,
                    Status = JobStatus.Queued,
                    StatusSince = now,
                });
            }
            state.Items.Add(itemState);
        }
        state.Timeline.Add(new TimelineEntry
        {
            At = now,
            Status = status,
            Note = request.Test ? "Test order received: tracked, never produced." : "Order received.",
        });
        return state;
    }

    /// <summary>One job per copy: every copy is its own print run, so a failure reprints one part.</summary>
    public IEnumerable<PrintJobSpec> JobsToCreate()
    {
        var express = State.Shipping.Method == "express";
        foreach (var item in State.Items.Where(i => i.Status != ItemStatus.Cancelled))
        {
            foreach (var job in item.Jobs)
            {
                yield return new PrintJobSpec
                {
                    JobId = job.JobId,
                    OrderReference = State.Reference,
                    ItemIndex = item.Index,
                    Copy = job.Copy,
                    Design = item.Design,
                    Material = item.Material,
                    Technology = item.Technology,
                    EstimatedPrintSeconds = item.EstimatedPrintSeconds,
                    Priority = express ? 0 : 1,
                    PlacedAt = State.PlacedAt,
                };
            }
        }
    }

    public bool NeedsJobs => !State.Test && !State.JobsReleased && State.Status == OrderStatus.Received;

    /// <summary>Every job exists and waits in the queue.</summary>
    public bool JobsCreated(DateTimeOffset now)
    {
        if (State.JobsReleased) return false;
        State.JobsReleased = true;
        State.Version++;
        DeriveStatus(now);
        return true;
    }

    /// <summary>A job moved (or reported progress): follow it in its item and in the order.</summary>
    public OrderChange Apply(JobSnapshot job, DateTimeOffset now)
    {
        if (job.ItemIndex < 0 || job.ItemIndex >= State.Items.Count) return OrderChange.None;
        var item = State.Items[job.ItemIndex];
        var mine = item.Jobs.Find(j => j.JobId == job.JobId);
        if (mine is null) return OrderChange.None;

        var stageMoved = mine.Status != job.Status || mine.Attempt != job.Attempt || mine.PrinterId != job.PrinterId;
        var progressMoved = Math.Abs(mine.Progress - job.Progress) >= 0.01 || mine.RemainingSeconds != job.RemainingSeconds;
        if (!stageMoved && !progressMoved) return OrderChange.None;

        var newProblem = job.Problem is not null && job.Problem != mine.Problem;
        mine.Status = job.Status;
        mine.Attempt = job.Attempt;
        mine.PrinterId = job.PrinterId;
        mine.Progress = job.Progress;
        mine.RemainingSeconds = job.RemainingSeconds;
        mine.Problem = job.Problem;
        mine.StatusSince = job.StatusSince;
        State.Version++;
        if (!stageMoved) return OrderChange.Progress;

        if (newProblem)
        {
            State.Timeline.Add(new TimelineEntry
            {
                At = now,
                Status = State.Status,
                ItemIndex = item.Index,
                Note = $"{item.Design} (copy {mine.Copy}): {job.Problem}",
            });
        }
        DeriveItem(item, now);
        DeriveStatus(now);
        return OrderChange.Stage;
    }

    private static void DeriveItem(OrderItemState item, DateTimeOffset now)
    {
        if (item.Status == ItemStatus.Cancelled) return;
        var status = item.Jobs.Any(j => j.Status == JobStatus.Blocked)
            ? ItemStatus.Blocked
            : item.Jobs.Select(j => ItemStageOf(j.Status)).DefaultIfEmpty(ItemStatus.Ready).Min();
        // The problem beside an item is the one still current: a job reprinting or blocked.
        item.Problem = item.Jobs
            .Where(j => j.Problem is not null && j.Status is not (JobStatus.Done or JobStatus.PostProcessing or JobStatus.QualityCheck))
            .Select(j => j.Problem)
            .FirstOrDefault();
        if (status != item.Status)
        {
            item.Status = status;
            item.StatusSince = now;
        }
    }

    private static ItemStatus ItemStageOf(JobStatus job) => job switch
    {
        JobStatus.Queued or JobStatus.Assigned => ItemStatus.Queued,
        JobStatus.Printing => ItemStatus.Printing,
        JobStatus.Printed or JobStatus.PostProcessing => ItemStatus.PostProcessing,
        JobStatus.QualityCheck => ItemStatus.QualityCheck,
        JobStatus.Done => ItemStatus.Ready,
        JobStatus.Blocked => ItemStatus.Blocked,
        JobStatus.Cancelled => ItemStatus.Cancelled,
        _ => ItemStatus.Queued,
    };

    /// <summary>The order stands where its least advanced live item stands.</summary>
    private void DeriveStatus(DateTimeOffset now)
    {
        if (State.Status is OrderStatus.Test or OrderStatus.OnHold or OrderStatus.Cancelled
            or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.InReview) return;
        if (!State.JobsReleased) return;

        var live = State.Items.Where(i => i.Status != ItemStatus.Cancelled).ToList();
        var derived = live.Count == 0
            ? OrderStatus.Cancelled
            : live.Select(i => OrderStageOf(i.Status)).Min();
        if (derived is OrderStatus.ReadyToShip && State.Shipping.Method == "pickup") derived = OrderStatus.ReadyForPickup;
        if (derived == State.Status) return;

        State.Status = derived;
        State.StatusSince = now;
        State.Timeline.Add(new TimelineEntry { At = now, Status = derived, Note = NoteFor(derived) });
    }

    private static OrderStatus OrderStageOf(ItemStatus item) => item switch
    {
        ItemStatus.Queued or ItemStatus.Blocked => OrderStatus.Queued,
        ItemStatus.Printing => OrderStatus.Printing,
        ItemStatus.PostProcessing => OrderStatus.PostProcessing,
        ItemStatus.QualityCheck => OrderStatus.QualityCheck,
        _ => OrderStatus.ReadyToShip,
    };

    private static string NoteFor(OrderStatus status) => status switch
    {
        OrderStatus.Queued => "Waiting for a printer.",
        OrderStatus.Printing => "Every part is printing or printed.",
        OrderStatus.PostProcessing => "Every part is printed; finishing (support removal, cleaning).",
        OrderStatus.QualityCheck => "Every part is in quality check.",
        OrderStatus.ReadyToShip => "Every part passed quality check; ready to ship.",
        OrderStatus.ReadyForPickup => "Every part passed quality check; ready for pickup.",
        OrderStatus.Cancelled => "Every item was cancelled.",
        _ => status.ToString(),
    };
}
