using PrintFarm.Orders;

namespace PrintFarm.Notifications;

/// <summary>
/// The events an order's change causes, worked out just before the change is stored and stored
/// with it in the order's outbox (<see cref="OrderState.Notices"/>): a change that was stored always
/// has its events, and a change that was not stored has none. Pure: no Orleans, no clock.
/// </summary>
public static class OrderNotices
{
    /// <summary>An order whose hub stays out of reach keeps at most this many events; the oldest go first.</summary>
    public const int MaxOwed = 500;

    /// <summary>Appends to <see cref="OrderState.Notices"/> what changed since <see cref="OrderState.Noticed"/>, and moves the mark.</summary>
    /// <returns>The number of events added.</returns>
    public static int Collect(OrderState order, DateTimeOffset now)
    {
        if (order.Items.Count == 0) return 0;
        var added = new List<OrderEvent>();
        var mark = order.Noticed;
        var deliverBy = order.Estimate?.DeliverBy;
        var dateMoved = mark?.DeliverBy is { } before && deliverBy is { } after && after.Date > before.Date;
        if (mark is null)
        {
            mark = new NoticeMark { Status = order.Status };
            added.Add(Event(order, OrderEventTypes.Placed, now, order.Status, detail: PlacedNote(order)));
        }
        else if (order.Status != mark.Status)
        {
            var type = order.Status switch
            {
                OrderStatus.Shipped => OrderEventTypes.Shipped,
                OrderStatus.Delivered => OrderEventTypes.Delivered,
                OrderStatus.Cancelled => OrderEventTypes.Cancelled,
                _ => OrderEventTypes.StatusChanged,
            };
            var detail = order.Status == OrderStatus.Shipped && order.Shipment is { } shipment
                ? $"{shipment.Carrier}{(shipment.TrackingNumber is null ? "" : $", tracking number {shipment.TrackingNumber}")}"
                : LastNote(order);
            added.Add(Event(order, type, now, order.Status, from: mark.Status, detail: detail));
            mark.Status = order.Status;
        }

        while (mark.Problems.Count < order.Items.Count) mark.Problems.Add(null);
        foreach (var item in order.Items)
        {
            var announced = mark.Problems[item.Index];
            if (item.Problem is { } problem && problem != announced && item.Status is not ItemStatus.Cancelled)
                added.Add(Event(order, OrderEventTypes.ItemProblem, now, order.Status, item: item.Index, detail: problem, dateMoved: dateMoved));
            mark.Problems[item.Index] = item.Problem;
        }

        // Once per move past the promise, not on every recompute that lands on the same day.
        var open = order.Status is not (OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Cancelled or OrderStatus.Test);
        if (open && order.PromisedDeliverBy is { } promised && deliverBy is { } date && date.Date > promised.Date
            && mark.PastPromiseAnnounced?.Date != date.Date)
        {
            added.Add(Event(order, OrderEventTypes.PastPromise, now, order.Status,
                detail: $"The delivery date moved to {date:yyyy-MM-dd}, after the {promised:yyyy-MM-dd} promised.", dateMoved: true));
            mark.PastPromiseAnnounced = date;
        }
        if (deliverBy is not null) mark.DeliverBy = deliverBy;
        // The sweep marks an order late (or on time again) on its own schedule: told once per lateness.
        if (order.Late is { } late && open && !mark.LateAnnounced)
        {
            added.Add(Event(order, OrderEventTypes.Late, now, order.Status,
                detail: $"{LateWords(late.Reason)}; promised for {late.Promised:yyyy-MM-dd}."));
            mark.LateAnnounced = true;
        }
        else if (order.Late is null) mark.LateAnnounced = false;
        foreach (var message in order.Messages.Where(m => m.Number > mark.MessagesAnnounced))
        {
            added.Add(Event(order, OrderEventTypes.Message, now, order.Status, detail: message.Text) with { Author = message.From, Message = message.Number });
            mark.MessagesAnnounced = message.Number;
        }
        order.Noticed = mark;

        foreach (var e in added)
        {
            order.NoticesIssued++;
            order.Notices.Add(e with { Id = $"{order.Reference}.{order.NoticesIssued}" });
        }
        if (order.Notices.Count > MaxOwed) order.Notices.RemoveRange(0, order.Notices.Count - MaxOwed);
        return added.Count;
    }

    /// <summary>
    /// Marks what an order stored before notifications existed already is, without an event: it
    /// was placed long ago, and its customer must not hear "order placed" on its next change.
    /// </summary>
    public static void Baseline(OrderState order)
    {
        if (order.Items.Count == 0 || order.Noticed is not null) return;
        order.Noticed = new NoticeMark
        {
            Status = order.Status,
            Problems = [.. order.Items.Select(i => i.Problem)],
            DeliverBy = order.Estimate?.DeliverBy,
            LateAnnounced = order.Late is not null,
            MessagesAnnounced = order.Messages.Count > 0 ? order.Messages[^1].Number : 0,
            PastPromiseAnnounced = order.PromisedDeliverBy is { } promised && order.Estimate?.DeliverBy is { } date && date.Date > promised.Date ? date : null,
        };
    }

    private static OrderEvent Event(OrderState order, string type, DateTimeOffset now, OrderStatus status, OrderStatus? from = null, int? item = null, string? detail = null, bool dateMoved = false) => new()
    {
        Id = "",
        Type = type,
        Time = now,
        Reference = order.Reference,
        Status = status,
        From = from,
        Item = item,
        Detail = detail,
        DateMoved = dateMoved,
    };

    private static string LateWords(LateReason reason) => reason switch
    {
        LateReason.PromisePassed => "The promised delivery date has passed",
        _ => "The delivery estimate is past the promised date",
    };

    private static string? PlacedNote(OrderState order) => order.Timeline.Count > 0 ? order.Timeline[^1].Note : null;

    /// <summary>The timeline's words for the move just made (the operator's message with it, when there was one).</summary>
    private static string? LastNote(OrderState order) => order.Timeline.LastOrDefault(e => e.Status == order.Status && e.ItemIndex is null)?.Note;
}
