namespace PrintFarm.Accounts;

/// <summary>An account or key request that breaks a rule (400); the message says which, never echoing a secret.</summary>
[GenerateSerializer, Alias("PrintFarm.InvalidAccountException")]
public sealed class InvalidAccountException(string message) : Exception(message);
