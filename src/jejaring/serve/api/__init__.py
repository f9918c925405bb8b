"""One router per resource; ``routers`` lists them in the order the OpenAPI document shows."""
