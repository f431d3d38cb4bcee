namespace PrintFarm.Accounts;

public sealed record CustomerOrder(string Reference, DateTimeOffset PlacedAt);
