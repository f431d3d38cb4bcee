using PrintFarm.Jobs;
using PrintFarm.Orders.Designs;

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
    /// <param name="designed">The items that print a catalog design, as <see cref="Designs.OrderDesigns"/> read them, by index.</param>
    public static OrderState Place(string reference, PlaceOrderRequest request, DateTimeOffset now, bool review = false, string? owner = null,
        IReadOnlyDictionary<int, Designs.DesignedItem>? designed = null)
    {
        var status = request.Test ? OrderStatus.Test : review ? OrderStatus.InReview : OrderStatus.Received;
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
            Owner = owner,
            Attachments = OrderAttachments.From(request),
        };
        for (var i = 0; i < request.Items!.Count; i++)
        {
            var item = request.Items[i];
            var fromFile = designed?.GetValueOrDefault(i);
            var itemState = new OrderItemState
            {
                Index = i,
                Design = fromFile?.Design ?? item.Design!.Trim(),
                Material = fromFile?.Material ?? item.Material!.Trim().ToUpperInvariant(),
                Technology = (item.Technology ?? "FDM").ToUpperInvariant(),
                Quantity = item.Quantity!.Value,
                EstimatedPrintSeconds = fromFile?.EstimatedPrintSeconds ?? item.EstimatedPrintSeconds!.Value,
                Status = ItemStatus.Queued,
                StatusSince = now,
                History = [new ItemStageChange { At = now, Status = ItemStatus.Queued }],
                DesignId = fromFile?.DesignId,
                File = fromFile?.File,
                PrinterModel = fromFile?.PrinterModel,
                MaterialGrams = fromFile?.MaterialGrams,
                ThumbnailSha256 = fromFile?.ThumbnailSha256,
                ThumbnailType = fromFile?.ThumbnailType,
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
            Note = status switch
            {
                OrderStatus.Test => "Test order received: tracked, never produced.",
                OrderStatus.InReview => "Order received; a person reviews it before production starts.",
                _ => "Order received.",
            },
        });
        return state;
    }

    /// <summary>An attached sliced file has not reached every copy that waits for it.</summary>
    public bool NeedsFilesTold => State.Items.Any(i => i.FileUntold && i.Status != ItemStatus.Cancelled);

    /// <summary>True while the owner's list of orders has not heard of this one.</summary>
    public bool NeedsListing => State.Owner is not null && !State.OwnerListed;

    /// <summary>
    /// Marks the timeline entries from <paramref name="from"/> on as made by <paramref name="by"/>
    /// (an operator's move): the farm keeps who did what; customers are shown "the shop".
    /// </summary>
    public void Attribute(int from, string? by)
    {
        if (by is null) return;
        for (var i = Math.Max(0, from); i < State.Timeline.Count; i++) State.Timeline[i] = State.Timeline[i] with { By = by };
    }

    /// <summary>A hash of what was asked for, to tell a retry of the same order from another order under the same key.</summary>
    public static string Fingerprint(PlaceOrderRequest request) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request)));

    /// <summary>The request that places this order again; an item printing a design names the design, not what was read from it.</summary>
    public PlaceOrderRequest Reorder() => new()
    {
        Customer = State.Customer,
        Shipping = State.Shipping,
        Test = State.Test,
        Items = [.. State.Items.Where(i => i.Status != ItemStatus.Cancelled).Select(i => i.DesignId is { } design
            ? new OrderItemRequest
            {
                DesignId = design, Design = i.Design, Material = i.Material, Quantity = i.Quantity, Plate = i.File?.Plate,
                Technology = i.Technology, EstimatedPrintSeconds = i.File is null ? i.EstimatedPrintSeconds : null,
            }
            : new OrderItemRequest { Design = i.Design, Material = i.Material, Quantity = i.Quantity, EstimatedPrintSeconds = i.EstimatedPrintSeconds, Technology = i.Technology })],
    };

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
                    File = item.File,
                    PrinterModel = item.PrinterModel,
                    MaterialGrams = item.MaterialGrams,
                    NeedsSlicedFile = item.DesignId is not null && item.File is null,
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
        // A job re-sends news the order may already have, and a retry can overtake nothing but
        // may arrive late: anything older than what the order holds is ignored.
        if (job.Sequence < mine.Sequence) return OrderChange.None;

        var stageMoved = mine.Status != job.Status || mine.Attempt != job.Attempt || mine.PrinterId != job.PrinterId;
        var progressMoved = Math.Abs(mine.Progress - job.Progress) >= 0.01 || mine.RemainingSeconds != job.RemainingSeconds
            || mine.ProjectedStart != job.ProjectedStart || mine.StartedAt != job.StartedAt;
        if (!stageMoved && !progressMoved) return OrderChange.None;

        var newProblem = job.Problem is not null && job.Problem != mine.Problem;
        mine.Status = job.Status;
        mine.Attempt = job.Attempt;
        mine.PrinterId = job.PrinterId;
        mine.Progress = job.Progress;
        mine.RemainingSeconds = job.RemainingSeconds;
        mine.Problem = job.Problem;
        mine.StatusSince = job.StatusSince;
        mine.ProjectedStart = job.ProjectedStart;
        mine.StartedAt = job.StartedAt ?? (job.Status == JobStatus.Printing ? mine.StartedAt : null);
        mine.PrinterModel = job.PrinterModel ?? mine.PrinterModel;
        mine.Sequence = job.Sequence;
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

    /// <summary>
    /// The moves an operator may ask for from where the order stands. Production stages are not
    /// among them: those follow the printers.
    /// </summary>
    public IReadOnlyList<OrderStatus> AllowedMoves()
    {
        var cancellable = NothingStarted;
        List<OrderStatus> moves = State.Status switch
        {
            OrderStatus.Received => [OrderStatus.InReview, OrderStatus.OnHold],
            OrderStatus.InReview => [OrderStatus.Queued, OrderStatus.OnHold],
            OrderStatus.Queued or OrderStatus.Printing or OrderStatus.PostProcessing or OrderStatus.QualityCheck => [OrderStatus.OnHold],
            OrderStatus.ReadyToShip => [OrderStatus.Shipped, OrderStatus.OnHold],
            OrderStatus.ReadyForPickup => [OrderStatus.Delivered, OrderStatus.OnHold],
            OrderStatus.Shipped => [OrderStatus.Delivered],
            OrderStatus.OnHold => [State.HeldFrom ?? OrderStatus.Queued],
            _ => [],
        };
        if (cancellable && State.Status is not (OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Cancelled or OrderStatus.Test))
        {
            moves.Add(OrderStatus.Cancelled);
        }
        return moves;
    }

    /// <summary>The late-order sweep's verdict; false when it says what the order already knew.</summary>
    public bool MarkLate(LateNotice? notice)
    {
        var late = State.Late;
        if (notice is null ? late is null : late is not null && late.Reason == notice.Reason) return false;
        State.Late = notice;
        State.Version++;
        return true;
    }

    /// <summary>What the order board needs to tell whether the order is late.</summary>
    public OpenOrder Summary() => new()
    {
        Reference = State.Reference,
        Status = State.Status,
        PlacedAt = State.PlacedAt,
        PromisedDeliverBy = State.PromisedDeliverBy,
        EstimatedDeliverBy = State.Estimate?.DeliverBy,
        Owner = State.Owner,
    };

    /// <summary>The jobs an operator's hold takes out of the queue: the queued ones (parts on a printer carry on).</summary>
    public IReadOnlyList<string> JobsToHold() => LiveJobs().Where(j => j.Status == JobStatus.Queued).Select(j => j.JobId).ToList();

    /// <summary>The jobs a release puts back: every live one (a job not held ignores it).</summary>
    public IReadOnlyList<string> JobsToRelease() => LiveJobs().Select(j => j.JobId).ToList();

    /// <summary>
    /// The jobs a cancellation asks to stop, of the whole order or of one item: the queued ones.
    /// Each job has the last word (it may have been handed to a printer a moment ago).
    /// </summary>
    public IReadOnlyList<string> JobsToCancel(int? itemIndex = null) =>
        (itemIndex is { } i ? State.Items[i].Jobs : State.Items.SelectMany(item => item.Jobs))
            .Where(j => j.Status == JobStatus.Queued).Select(j => j.JobId).ToList();

    /// <summary>Takes in what the jobs answered to an operator's move, as if they had reported it.</summary>
    public void JobsAnswered(IEnumerable<JobSnapshot?> answers, DateTimeOffset now)
    {
        foreach (var snapshot in answers)
        {
            if (snapshot is not null) Apply(snapshot, now);
        }
    }

    private IEnumerable<ItemJobState> LiveJobs() => State.Items.Where(i => i.Status != ItemStatus.Cancelled).SelectMany(i => i.Jobs);

    /// <summary>No item has gone into production yet: every live job still waits in the queue.</summary>
    public bool NothingStarted => State.Items
        .Where(i => i.Status != ItemStatus.Cancelled)
        .All(i => i.Jobs.All(j => j.Status is JobStatus.Queued or JobStatus.Cancelled));

    public void EnsureAllowed(OrderStatus target)
    {
        var allowed = AllowedMoves();
        if (allowed.Contains(target)) return;
        var from = State.Status == OrderStatus.OnHold ? $"OnHold (held at {State.HeldFrom})" : State.Status.ToString();
        var why = target switch
        {
            OrderStatus.Printing or OrderStatus.PostProcessing or OrderStatus.QualityCheck or OrderStatus.ReadyToShip or OrderStatus.ReadyForPickup when State.Status != OrderStatus.OnHold =>
                " Production stages follow the printers and cannot be set by hand.",
            OrderStatus.Cancelled when !NothingStarted => " Production has started: cancel the items that have not started instead.",
            _ => "",
        };
        var options = allowed.Count == 0 ? "no further moves" : string.Join(", ", allowed);
        throw new OrderTransitionException(
            $"An order cannot go from {from} to {target}.{why} From here: {options}.", State.Status, [.. allowed]);
    }

    public void SendToReview(string? message, DateTimeOffset now) => Move(OrderStatus.InReview, message, "A person reviews the order before production starts.", now);

    /// <summary>The review passed: the order goes to production (its jobs are created next).</summary>
    public void Approve(string? message, DateTimeOffset now)
    {
        State.Status = OrderStatus.Received;
        Say(message);
        State.Timeline.Add(new TimelineEntry { At = now, Status = OrderStatus.Received, Note = message ?? "Review passed: production can start." });
        State.Version++;
    }

    public void Hold(string? message, DateTimeOffset now)
    {
        State.HeldFrom = State.Status;
        Move(OrderStatus.OnHold, message, "The order is on hold.", now);
    }

    /// <summary>Back to where it was held, then on to wherever its items got to meanwhile.</summary>
    public void Release(string? message, DateTimeOffset now)
    {
        var back = State.HeldFrom ?? OrderStatus.Queued;
        State.HeldFrom = null;
        Move(back, message, "The hold is lifted.", now);
        DeriveStatus(now);
    }

    public void Cancel(string? message, DateTimeOffset now)
    {
        foreach (var item in State.Items.Where(i => i.Status != ItemStatus.Cancelled)) CancelItemState(item, now);
        State.HeldFrom = null;
        Move(OrderStatus.Cancelled, message, "The order was cancelled.", now);
    }

    /// <summary>
    /// Only an open item whose design needed slicing takes a sliced file. An item that already has
    /// one takes the same file again (a retry) but no other; <paramref name="sha256"/> is the
    /// file's, once known.
    /// </summary>
    public void EnsureSliceable(int index, string? sha256 = null)
    {
        if (index < 0 || index >= State.Items.Count)
            throw new OrderTransitionException($"The order has no item {index} (items are numbered from 0 to {State.Items.Count - 1}).", State.Status, []);
        var item = State.Items[index];
        if (State.Status is OrderStatus.Cancelled or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Test)
            throw new OrderTransitionException($"The order is {State.Status}: its items take no more files.", State.Status, []);
        if (item.Status == ItemStatus.Cancelled)
            throw new OrderTransitionException($"Item {index} ({item.Design}) is cancelled.", State.Status, []);
        if (item.DesignId is null)
            throw new OrderTransitionException($"Item {index} ({item.Design}) was described by hand, not ordered from a design: it has no file to slice.", State.Status, []);
        if (item.File is not null && sha256 is not null && item.File.Sha256 != sha256)
            throw new OrderTransitionException($"Item {index} ({item.Design}) already has its sliced file: cancel the item and order it again to print another.", State.Status, []);
    }

    /// <summary>The item prints the attached file from now on: its time, model and grams are the file's.</summary>
    public void SlicedFileAttached(int index, DesignedItem sliced, DateTimeOffset now)
    {
        var item = State.Items[index];
        if (item.File?.Sha256 == sliced.File!.Sha256) return;
        item.DesignId = sliced.DesignId;
        item.File = sliced.File;
        item.EstimatedPrintSeconds = sliced.EstimatedPrintSeconds;
        item.PrinterModel = sliced.PrinterModel;
        item.MaterialGrams = sliced.MaterialGrams;
        if (sliced.ThumbnailSha256 is not null) (item.ThumbnailSha256, item.ThumbnailType) = (sliced.ThumbnailSha256, sliced.ThumbnailType);
        item.FileUntold = true;
        State.Timeline.Add(new TimelineEntry { At = now, Status = State.Status, ItemIndex = index, Note = $"{item.Design} is ready for the printers." });
        State.Version++;
    }

    /// <summary>What each copy of the item is told once it has its file.</summary>
    public SlicedFile SlicedFileFor(int index)
    {
        var item = State.Items[index];
        return new SlicedFile
        {
            File = item.File!,
            EstimatedPrintSeconds = item.EstimatedPrintSeconds,
            PrinterModel = item.PrinterModel,
            MaterialGrams = item.MaterialGrams,
            KeepHeld = State.Status == OrderStatus.OnHold,
        };
    }

    /// <summary>The items whose attached file some waiting copy may not have yet.</summary>
    public IReadOnlyList<int> FilesToTell() => State.Items.Where(i => i.FileUntold && i.Status != ItemStatus.Cancelled).Select(i => i.Index).ToList();

    /// <summary>The copies of an item that still wait in the queue (the ones a file can reach).</summary>
    public IReadOnlyList<string> QueuedJobsOf(int index) =>
        State.Items[index].Jobs.Where(j => j.Status == JobStatus.Queued).Select(j => j.JobId).ToList();

    /// <summary>
    /// What the item's copies answered to its file. A copy that does not exist yet is created
    /// with the file, and one that left the queue needs none; every other must print the file.
    /// Answers whether the item is told (and stops asking).
    /// </summary>
    public bool FileTold(int index, IEnumerable<JobSnapshot?> answers, DateTimeOffset now)
    {
        var item = State.Items[index];
        var told = true;
        foreach (var answer in answers)
        {
            if (answer is null) continue;
            Apply(answer, now);
            if (answer.Status == JobStatus.Queued && answer.FileSha256 != item.File?.Sha256) told = false;
        }
        if (told) item.FileUntold = false;
        return told;
    }

    /// <summary>Only an item none of whose copies has started can be cancelled; the rest of the order goes on.</summary>
    public void EnsureItemCancellable(int index)
    {
        if (index < 0 || index >= State.Items.Count)
            throw new OrderTransitionException($"The order has no item {index} (items are numbered from 0 to {State.Items.Count - 1}).", State.Status, []);
        var item = State.Items[index];
        if (State.Status is OrderStatus.Cancelled or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Test)
            throw new OrderTransitionException($"The order is {State.Status}: its items can no longer be cancelled.", State.Status, []);
        if (item.Status == ItemStatus.Cancelled)
            throw new OrderTransitionException($"Item {index} ({item.Design}) is already cancelled.", State.Status, []);
        if (item.Jobs.Any(j => j.Status is not (JobStatus.Queued or JobStatus.Cancelled)))
            throw new OrderTransitionException($"Item {index} ({item.Design}) is already in production and can no longer be cancelled.", State.Status, []);
    }

    public void ItemCancelled(int index, string? message, DateTimeOffset now)
    {
        var item = State.Items[index];
        CancelItemState(item, now);
        Say(message);
        State.Timeline.Add(new TimelineEntry { At = now, Status = State.Status, ItemIndex = index, Note = message ?? $"{item.Design} was cancelled." });
        State.Version++;
        DeriveStatus(now);
    }

    public void Ship(Shipment shipment, string? message, DateTimeOffset now)
    {
        State.Shipment = shipment;
        var note = $"Handed to {shipment.Carrier}" + (shipment.TrackingNumber is null ? "." : $", tracking number {shipment.TrackingNumber}.");
        Move(OrderStatus.Shipped, message, note, now);
    }

    public void Deliver(string? message, DateTimeOffset now)
    {
        if (State.Shipment is not null) State.Shipment = State.Shipment with { DeliveredAt = now };
        Move(OrderStatus.Delivered, message, State.Status == OrderStatus.ReadyForPickup ? "Picked up." : "Delivered.", now);
    }

    private void CancelItemState(OrderItemState item, DateTimeOffset now)
    {
        item.Status = ItemStatus.Cancelled;
        item.StatusSince = now;
        item.Problem = null;
        foreach (var job in item.Jobs) job.Status = JobStatus.Cancelled;
        item.History.Add(new ItemStageChange { At = now, Status = ItemStatus.Cancelled });
    }

    /// <summary>An operator's move: the timeline shows their message to the customer, or a plain default.</summary>
    private void Move(OrderStatus status, string? message, string defaultNote, DateTimeOffset now)
    {
        State.Status = status;
        State.StatusSince = now;
        Say(message);
        State.Timeline.Add(new TimelineEntry { At = now, Status = status, Note = string.IsNullOrWhiteSpace(message) ? defaultNote : message.Trim() });
        State.Version++;
    }

    private void Say(string? message)
    {
        if (!string.IsNullOrWhiteSpace(message)) State.CustomerMessage = message.Trim();
    }

    private static void DeriveItem(OrderItemState item, DateTimeOffset now)
    {
        if (item.Status == ItemStatus.Cancelled) return;
        var status = item.Jobs.Any(j => j.Status == JobStatus.Blocked)
            ? ItemStatus.Blocked
            : item.Jobs.Select(j => ItemStageOf(j.Status)).DefaultIfEmpty(ItemStatus.Ready).MinBy(Rank);
        // The problem beside an item is the one still current: a job reprinting or blocked.
        item.Problem = item.Jobs
            .Where(j => j.Problem is not null && j.Status is not (JobStatus.Done or JobStatus.PostProcessing or JobStatus.QualityCheck))
            .Select(j => j.Problem)
            .FirstOrDefault();
        if (status != item.Status)
        {
            item.Status = status;
            item.StatusSince = now;
            item.History.Add(new ItemStageChange { At = now, Status = status, Note = item.Problem });
        }
    }

    private static ItemStatus ItemStageOf(JobStatus job) => job switch
    {
        JobStatus.Queued or JobStatus.Assigned => ItemStatus.Queued,
        JobStatus.Printing => ItemStatus.Printing,
        JobStatus.Stalled => ItemStatus.Stalled,
        JobStatus.PostProcessing => ItemStatus.PostProcessing,
        JobStatus.QualityCheck => ItemStatus.QualityCheck,
        JobStatus.Done => ItemStatus.Ready,
        JobStatus.Blocked => ItemStatus.Blocked,
        JobStatus.Cancelled => ItemStatus.Cancelled,
        _ => ItemStatus.Queued,
    };

    /// <summary>How far along an item stage is: Stalled sits just before Printing (it was printing, and it shows).</summary>
    private static int Rank(ItemStatus status) => status switch
    {
        ItemStatus.Queued => 0,
        ItemStatus.Stalled => 1,
        _ => (int)status + 1,
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

        // Every part goes through every production stage, so an order that heard of a jump (a
        // printer's start event lost while a silo died) still passed the stages in between:
        // the customer's story shows them, at the moment the farm learned of them.
        var from = Array.IndexOf(ProductionStages, State.Status);
        var to = Array.IndexOf(ProductionStages, derived == OrderStatus.ReadyForPickup ? OrderStatus.ReadyToShip : derived);
        for (var stage = from + 1; from >= 0 && stage < to; stage++)
        {
            State.Timeline.Add(new TimelineEntry { At = now, Status = ProductionStages[stage], Note = NoteFor(ProductionStages[stage]) });
        }
        State.Status = derived;
        State.StatusSince = now;
        State.Timeline.Add(new TimelineEntry { At = now, Status = derived, Note = NoteFor(derived) });
    }

    /// <summary>The stages an order moves through while its parts are made, in order.</summary>
    private static readonly OrderStatus[] ProductionStages =
        [OrderStatus.Queued, OrderStatus.Printing, OrderStatus.PostProcessing, OrderStatus.QualityCheck, OrderStatus.ReadyToShip];

    private static OrderStatus OrderStageOf(ItemStatus item) => item switch
    {
        ItemStatus.Queued or ItemStatus.Blocked => OrderStatus.Queued,
        ItemStatus.Printing or ItemStatus.Stalled => OrderStatus.Printing,
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
