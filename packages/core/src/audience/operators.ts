/** Leaf operator codes of `audience_condition_json`. */
export const Operator = {
  /** Attribute equals any of the values; missing attribute → false. */
  EqualsAny: 1,
  /** Attribute equals none of the values; missing attribute → true. */
  EqualsNone: 2,
  /** Attribute contains any of the values; missing attribute → false. */
  ContainsAny: 3,
  /** Attribute contains none of the values; missing attribute → true. */
  ContainsNone: 4,
} as const;

/** Condition group codes. */
export const ConditionType = { And: 1, Or: 2 } as const;
