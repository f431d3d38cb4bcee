namespace PrintFarm.Notifications;

/// <summary>One item of <see cref="CustomerOrderView"/>.</summary>
public sealed record CustomerItemView(int Index, string Design, string Material, int Quantity, string Status, string? Problem);
