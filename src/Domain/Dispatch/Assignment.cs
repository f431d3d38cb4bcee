namespace PrintFarm.Dispatch;

public readonly record struct Assignment(JobTicket Job, string PrinterId);
