namespace PrintFarm.Bench.Estimates;

/// <summary>Something that happens at a point in virtual time, to an order or a job.</summary>
public readonly record struct SimEvent(SimEventKind Kind, SimOrder? Order = null, SimJob? Job = null);
