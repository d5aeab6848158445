/**
 * Response's postmortem template: what a blameless review needs, facts filled in from the incident
 * and the judgement sections left for people to write. A team's own replaces it wholesale
 * (response.config.ts `postmortem.template`).
 */
export const DEFAULT_POSTMORTEM_TEMPLATE = `# Incident {{id}}: {{title}}

{{details}}

## Summary

{{summary}}

## Impact

{{impact}}

{{custom_fields}}

## The numbers

{{numbers}}

## Timeline of key events

{{timeline}}

## Root cause

_What made this happen, and why it was possible? Ask "why" until the answer is about the system, not a person._

## What went well

- 

## What went badly

- 

## Follow-ups

{{follow_ups}}

## People and roles

{{people}}
`;
