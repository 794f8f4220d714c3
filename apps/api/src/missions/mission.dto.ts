import { Country, LINE, MissionCode, Text } from '../http/validators';

export class RegisterMissionDto {
  @MissionCode({ example: 'UNMISS' })
  code!: string;
  @Text(LINE, { example: 'United Nations Mission in South Sudan' })
  name!: string;
  @Country({ example: 'SSD' })
  hostCountry!: string;
}
