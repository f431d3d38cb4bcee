using System.Diagnostics.Metrics;

namespace PrintFarm.Gateway.Metrics;

/// <summary>
/// Meter <c>PrintFarm.Farm</c>: the farm's state as observable gauges over the last
/// <see cref="FarmSnapshot"/>. Nothing is reported before the first snapshot, rather than zeros
/// that would read as an empty farm.
/// </summary>
public sealed class FarmGauges
{
    public const string MeterName = "PrintFarm.Farm";

    public FarmGauges(IMeterFactory meters, FarmSnapshotKeeper snapshots)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("printfarm.printers", () => Each(snapshots, s => s.Printers.Select(p =>
                new Measurement<int>(p.Value, new("connectivity", p.Key.Connectivity), new("activity", p.Key.Activity)))),
            description: "Printers by connectivity and activity");
        meter.CreateObservableGauge("printfarm.jobs", () => Each(snapshots, s => s.Jobs.Select(j =>
                new Measurement<int>(j.Value, new KeyValuePair<string, object?>("state", j.Key)))),
            description: "Print jobs by state (open ones and those the job board still keeps)");
        meter.CreateObservableGauge("printfarm.queue.depth", () => Each(snapshots, s => s.QueueDepth.Select(q =>
                new Measurement<int>(q.Value, new KeyValuePair<string, object?>("pool", q.Key)))),
            description: "Jobs waiting for a printer, per pool (technology/material)");
        meter.CreateObservableGauge("printfarm.orders.late", () => Each<int>(snapshots, s => [new Measurement<int>(s.LateOrders)]),
            description: "Orders the last late-order sweep found late");
        meter.CreateObservableGauge("printfarm.printers.out_of_service", () => Each<int>(snapshots, s => [new Measurement<int>(s.OutOfService)]),
            description: "Printers an operator took out of service");
        meter.CreateObservableGauge("printfarm.printer.links", () => Each(snapshots, s => s.Links.Select(l =>
                new Measurement<int>(l.Value, new("dialect", l.Key.Dialect), new("state", l.Key.State)))),
            description: "Printer connections by dialect and state");
        meter.CreateObservableGauge("printfarm.farm.snapshot.age", () => Each<double>(snapshots, s =>
                [new Measurement<double>((snapshots.Clock.GetUtcNow() - s.At).TotalSeconds)]),
            unit: "s", description: "How old the farm figures are: they are read every Metrics:RefreshEvery");
    }

    private static IEnumerable<Measurement<T>> Each<T>(FarmSnapshotKeeper snapshots, Func<FarmSnapshot, IEnumerable<Measurement<T>>> read) where T : struct =>
        snapshots.Last is { } snapshot ? read(snapshot).ToList() : [];
}
