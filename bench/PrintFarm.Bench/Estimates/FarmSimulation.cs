using PrintFarm.Dispatch;
using PrintFarm.Estimates;
using PrintFarm.Jobs;

namespace PrintFarm.Bench.Estimates;

/// <summary>
/// A discrete-event simulation of the farm in virtual time. The world (orders, real print times,
/// failures, finishing and packing times, carriers) is drawn from the seed; the farm runs the
/// production code on it: <see cref="DispatchQueue"/> assigns jobs, <see cref="PrintTimeModel"/>
/// learns from every finished print, and both estimators are asked at placement and when half
/// of an order's print time is done. Estimators only observe: they draw no random numbers, so
/// changing one never changes the world the other is measured on.
/// </summary>
public sealed class FarmSimulation
{
    private readonly EstimatesBenchSettings _settings;
    private readonly EstimateOptions _options;
    private readonly FinishingTimes _finishing;
    private readonly ShippingCalendar _calendar;
    private readonly PrintTimeModel _printTimes;
    private readonly DispatchQueue _queue = new();
    private readonly PriorityQueue<SimEvent, (DateTimeOffset At, long Sequence)> _events = new();
    private readonly Dictionary<string, SimJob> _jobs = [];
    private readonly Dictionary<string, SimPrinter> _printers = [];
    private readonly Random _printRandom;
    private readonly Random _finishingRandom;
    private readonly Random _carrierRandom;
    private readonly FarmEstimator _farm;
    private readonly NaiveEstimator _naive;
    private readonly List<SimPrinter> _fleet;
    private readonly List<SimOrder> _orders;
    private long _sequence;
    private int _failedPrints;
    private TimeSpan _busy;
    private DateTimeOffset _lastPrintEnd;

    public FarmSimulation(EstimatesBenchSettings settings, EstimateOptions options, FinishingTimes finishing, TimeSpan naiveLeadTime)
    {
        _settings = settings;
        _options = options;
        _finishing = finishing;
        _calendar = new ShippingCalendar(options);
        _printTimes = new PrintTimeModel(new PrintTimeState(), options.Learning);
        // One stream per part of the world, so more printers do not reshuffle the orders.
        var world = new WorldGenerator(settings);
        _fleet = world.Fleet(new Random(Stream(1)));
        _orders = world.Orders(new Random(Stream(2)));
        _printRandom = new Random(Stream(3));
        _finishingRandom = new Random(Stream(4));
        _carrierRandom = new Random(Stream(5));
        _farm = new FarmEstimator(new DeliveryEstimator(options, _calendar, _ => finishing), _printTimes, _fleet);
        _naive = new NaiveEstimator(_calendar, naiveLeadTime);
    }

    public SimulationOutcome Run()
    {
        foreach (var printer in _fleet)
        {
            _printers[printer.Id] = printer;
            _queue.PrinterAvailable(printer.Slot);
        }
        foreach (var order in _orders)
        {
            foreach (var job in order.Jobs) _jobs[job.Ticket.JobId] = job;
            Schedule(order.PlacedAt, new SimEvent(SimEventKind.OrderPlaced, Order: order));
        }

        while (_events.TryDequeue(out var e, out var when))
        {
            var now = when.At;
            switch (e.Kind)
            {
                case SimEventKind.OrderPlaced: Place(e.Order!, now); break;
                case SimEventKind.PrintFinished: PrintFinished(e.Job!, now); break;
                case SimEventKind.PrintFailed: PrintFailed(e.Job!, now); break;
                case SimEventKind.PostProcessingDone: PostProcessingDone(e.Job!, now); break;
                case SimEventKind.QualityCheckDone: QualityCheckDone(e.Job!, now); break;
                case SimEventKind.Packed: Ship(e.Order!, now); break;
            }
        }

        var span = _lastPrintEnd - _settings.Start;
        return new SimulationOutcome
        {
            Orders = _orders,
            PrintJobs = _jobs.Count,
            FailedPrints = _failedPrints,
            Utilization = span > TimeSpan.Zero ? _busy / (span * _fleet.Count) : 0,
            LastDelivery = _orders.Max(o => o.DeliveredAt ?? o.PlacedAt),
            LearnedPrintTimes = _printTimes,
        };
    }

    private void Place(SimOrder order, DateTimeOffset now)
    {
        foreach (var job in order.Jobs) _queue.Enqueue(job.Ticket);
        Dispatch(now);
        order.AtPlacement = EstimateBoth(order, now);
    }

    private void Dispatch(DateTimeOffset now)
    {
        foreach (var (ticket, printerId) in _queue.Plan())
        {
            var job = _jobs[ticket.JobId];
            var printer = _printers[printerId];
            var materialFactor = _settings.MaterialFactors[IndexOf(_settings.Materials, job.Material)];
            var duration = TimeSpan.FromSeconds(job.EstimatedPrintSeconds * printer.HiddenFactor * materialFactor
                * _printRandom.NextLogNormal(_settings.PrintNoise));
            // Drawn for every print so the stream does not depend on which prints fail.
            var fails = _printRandom.NextDouble() < _settings.FailureRate;
            var failsAt = duration * (0.05 + 0.9 * _printRandom.NextDouble());
            printer.TelemetryBias = _printRandom.NextLogNormal(_settings.TelemetryNoise);

            printer.Current = job;
            printer.PrintStartedAt = now;
            printer.PrintDuration = duration;
            job.Printer = printer;
            job.StartedAt = now;
            Move(job, JobStatus.Printing, now);
            var ends = fails ? failsAt : duration;
            _busy += ends;
            Schedule(now + ends, new SimEvent(fails ? SimEventKind.PrintFailed : SimEventKind.PrintFinished, Job: job));
        }
    }

    private void PrintFinished(SimJob job, DateTimeOffset now)
    {
        var printer = FreePrinter(job, now);
        _printTimes.Learn(printer.Model, job.Material, job.EstimatedPrintSeconds, (now - job.StartedAt!.Value).TotalSeconds);
        Move(job, JobStatus.PostProcessing, now);
        Schedule(now + Vary(_finishing.PostProcessing), new SimEvent(SimEventKind.PostProcessingDone, Job: job));
        Dispatch(now);

        var order = job.Order;
        order.PrintedSeconds += job.EstimatedPrintSeconds;
        if (order.AtHalf is null && order.PrintedSeconds * 2 >= order.TotalPrintSeconds)
            order.AtHalf = EstimateBoth(order, now);
    }

    private void PrintFailed(SimJob job, DateTimeOffset now)
    {
        FreePrinter(job, now);
        _failedPrints++;
        job.FailedPrints++;
        // A reprint keeps its order's place in the queue (same placement time, next attempt).
        job.Ticket = job.Ticket with { Attempt = job.Ticket.Attempt + 1 };
        job.Printer = null;
        job.StartedAt = null;
        Move(job, JobStatus.Queued, now);
        _queue.Enqueue(job.Ticket);
        Dispatch(now);
    }

    private void PostProcessingDone(SimJob job, DateTimeOffset now)
    {
        Move(job, JobStatus.QualityCheck, now);
        Schedule(now + Vary(_finishing.QualityCheck), new SimEvent(SimEventKind.QualityCheckDone, Job: job));
    }

    private void QualityCheckDone(SimJob job, DateTimeOffset now)
    {
        Move(job, JobStatus.Done, now);
        var order = job.Order;
        if (++order.JobsDone == order.Jobs.Count)
        {
            order.ReadyAt = now;
            Schedule(now + Vary(_options.Packing), new SimEvent(SimEventKind.Packed, Order: order));
        }
    }

    /// <summary>The carrier collects at the cut-off and is usually on time, sometimes a day late or early.</summary>
    private void Ship(SimOrder order, DateTimeOffset now)
    {
        if (_calendar.IsPickup(order.Method))
        {
            order.ShippedAt = order.DeliveredAt = now;
            return;
        }
        var shipped = _calendar.NextShipment(now);
        var days = _calendar.TransitDays(order.Method, order.Country);
        var luck = _carrierRandom.NextDouble();
        if (luck < _settings.TransitLateShare) days++;
        else if (luck < _settings.TransitLateShare + _settings.TransitEarlyShare) days = Math.Max(1, days - 1);
        // Delivered some time during the round that ends at the promised delivery time.
        var endOfRound = _calendar.DeliveryAfter(shipped, days);
        var delivered = endOfRound - TimeSpan.FromHours(9 * _carrierRandom.NextDouble());
        order.ShippedAt = shipped;
        order.DeliveredAt = delivered > shipped ? delivered : shipped;
    }

    private EstimateSnapshot EstimateBoth(SimOrder order, DateTimeOffset now)
    {
        var farm = _farm.Estimate(order, _queue, now);
        var published = _calendar.IsPickup(order.Method)
            ? farm.DeliverBy
            : _calendar.DeliveryAfter(farm.ShipBy, _calendar.TransitDays(order.Method, order.Country));
        var naive = _naive.Estimate(order, now);
        return new EstimateSnapshot(farm.ReadyAt, farm.ShipBy, farm.DeliverBy, published, naive.ShipBy, naive.DeliverBy);
    }

    private SimPrinter FreePrinter(SimJob job, DateTimeOffset now)
    {
        var printer = job.Printer!;
        printer.Current = null;
        printer.IdleSince = now;
        if (now > _lastPrintEnd) _lastPrintEnd = now;
        _queue.PrinterAvailable(printer.Slot);
        return printer;
    }

    private static void Move(SimJob job, JobStatus status, DateTimeOffset now)
    {
        job.Status = status;
        job.StatusSince = now;
    }

    /// <summary>Human steps take about their nominal time, some much longer.</summary>
    private TimeSpan Vary(TimeSpan nominal) => nominal * _finishingRandom.NextLogNormal(0.3);

    private void Schedule(DateTimeOffset at, SimEvent e) => _events.Enqueue(e, (at, _sequence++));

    private int Stream(int part) => unchecked(_settings.Seed * 7919 + part);

    private static int IndexOf(IReadOnlyList<string> items, string item)
    {
        for (var i = 0; i < items.Count; i++)
            if (items[i] == item) return i;
        throw new ArgumentException($"Unknown material {item}");
    }
}
