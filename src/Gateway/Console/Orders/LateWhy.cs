using PrintFarm.Jobs;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Console.Orders;

/// <summary>Why an order is late, in the words of the floor: the job that holds it up, on which printer, after which failure.</summary>
public static class LateWhy
{
    public static string Explain(OrderView? order)
    {
        if (order is null) return "the order could not be read";
        var jobs = order.Items.SelectMany(i => i.Jobs.Select(j => (Item: i, Job: j))).ToList();
        var failed = jobs.Where(x => x.Job.Problem is not null || x.Item.Problem is not null).OrderByDescending(x => x.Job.Attempt).FirstOrDefault();
        if (failed.Job is { } f)
        {
            var where = f.PrinterId is { } p ? $" on {p}" : "";
            return $"{f.JobId} (attempt {f.Attempt}){where}: {f.Problem ?? failed.Item.Problem}";
        }
        if (jobs.FirstOrDefault(x => x.Job.Status == JobStatus.Blocked).Job is { } blocked) return $"{blocked.JobId} is blocked: it used up its attempts";
        if (jobs.FirstOrDefault(x => x.Job.Status == JobStatus.Stalled).Job is { } stalled) return $"{stalled.JobId} stalled: {stalled.PrinterId} went silent";
        if (jobs.Where(x => x.Job.Status == JobStatus.Queued).OrderByDescending(x => x.Job.ProjectedStart).FirstOrDefault() is { Job: { } waiting, Item: { } item })
            return waiting.ProjectedStart is null
                ? $"{waiting.JobId} waits for a printer that takes {item.Technology} {item.Material}"
                : $"{waiting.JobId} waits in the queue";
        if (order.Status == OrderStatus.OnHold) return "the order is on hold";
        if (order.Status == OrderStatus.InReview) return "the order waits for review";
        return order.Estimate?.Reason ?? "the estimate is past the promise";
    }
}
